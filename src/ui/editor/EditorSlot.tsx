import { lazy, Suspense } from 'react';
import { useStore } from 'zustand';
import { useExplorerStore } from '../store/context';
import { paneFor } from './paneState';

// CodeMirror and the .gf compiler load with the pane, not with the app shell.
const EditorPane = lazy(() => import('./EditorPane').then((m) => ({ default: m.EditorPane })));

/** Where the text editor goes: nothing until it is opened (by a button or a saved draft). */
export function EditorSlot() {
  const open = useStore(paneFor(useExplorerStore()), (s) => s.open);
  if (!open) return null;
  return (
    <Suspense fallback={<p className="gf-editor-loading">Loading the editor…</p>}>
      <EditorPane />
    </Suspense>
  );
}
