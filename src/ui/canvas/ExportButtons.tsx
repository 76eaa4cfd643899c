import { useState } from 'react';
import { RecordButton } from '../record/RecordButton';
import { useExplorerStore } from '../store/context';
import { selectHidden, selectTimeline } from '../store/selectors';
import { download, svgToPng } from './download';
import { buildSvg, type ExportView } from './exportSvg';
import type { Structure } from './flow';
import { encoderFor } from './views';

/** "SVG" and "PNG" buttons: the current view of the canvas, for slides; "Record…" for a walkthrough video. */
export function ExportButtons({ structure }: { structure: Structure }) {
  const store = useExplorerStore();
  const [error, setError] = useState<string | null>(null);
  const svg = (): { text: string; name: string } | null => {
    const s = store.getState();
    const t = selectTimeline(s);
    if (!t || !s.run) return null;
    const hide = selectHidden(s);
    const step = t.stepAt(s.cursor);
    const view: ExportView = {
      nodeAt: (id) => t.nodeAt(id, s.cursor, hide),
      edgeAt: (id) => t.edgeAt(id, s.cursor, hide),
      encoder: encoderFor(t),
      title: s.run.graph.title,
      caption: `step ${s.cursor} / ${t.length}${step ? ` — ${step.phase} at ${step.node}` : ' — before the forward pass'}`,
    };
    return { text: buildSvg(structure, view), name: `${s.run.graph.id}-step${s.cursor}` };
  };
  return (
    <div className="gf-export">
      <button
        type="button"
        onClick={() => {
          const r = svg();
          if (r) download(new Blob([r.text], { type: 'image/svg+xml' }), `${r.name}.svg`);
        }}
      >
        SVG
      </button>
      <button
        type="button"
        onClick={async () => {
          const r = svg();
          if (!r) return;
          try {
            download(await svgToPng(r.text), `${r.name}.png`);
            setError(null);
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          }
        }}
      >
        PNG
      </button>
      <RecordButton structure={structure} />
      {error && <span className="gf-export__error">{error}</span>}
    </div>
  );
}
