import { lazy, Suspense, useState } from 'react';
import type { Structure } from '../canvas/flow';

// The dialog, the frame renderer and the encoders load with the first click (not in the app shell).
const RecordDialog = lazy(() => import('./RecordDialog').then((m) => ({ default: m.RecordDialog })));

/** "Record…" beside the SVG/PNG export: opens the walkthrough recorder (WebM, GIF). */
export function RecordButton({ structure }: { structure: Structure }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="record-open" onClick={() => setOpen(true)} title="record a step range to WebM video or GIF">
        Record…
      </button>
      {open && (
        <Suspense fallback={null}>
          <RecordDialog structure={structure} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
