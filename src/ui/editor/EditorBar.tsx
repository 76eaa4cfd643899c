import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { parseGf } from '../../lang';
import { useExplorerStore } from '../store/context';
import { bridgeOf } from './bridge';
import { clearDraft } from './draft';
import { downloadGf, downloadJson } from './files';
import type { PaneState } from './paneState';

/** The editor's title and buttons: undo/redo of the one history, downloads, discard, close. */
export function EditorBar({ pane, text, parses }: { pane: StoreApi<PaneState>; text: () => string; parses: boolean }) {
  const store = useExplorerStore();
  const copyOf = useStore(pane, (s) => s.copyOf);
  const undoDepth = useStore(pane, (s) => s.undoDepth);
  const redoDepth = useStore(pane, (s) => s.redoDepth);
  const spec = () => parseGf(text()).spec;
  return (
    <div className="gf-editor__bar">
      <h2>Graph text</h2>
      {copyOf !== null && (
        <span className="gf-editor__copy" data-testid="editor-copy-of" title={`edited copy of ${copyOf}`}>
          edited copy of {copyOf} — the exercise itself is unchanged
        </span>
      )}
      <button type="button" disabled={undoDepth === 0} onClick={() => bridgeOf(store)?.undo()} aria-keyshortcuts="Control+Z">
        Undo
      </button>
      <button type="button" disabled={redoDepth === 0} onClick={() => bridgeOf(store)?.redo()} aria-keyshortcuts="Control+Shift+Z">
        Redo
      </button>
      <button type="button" onClick={() => downloadGf(text(), spec())}>
        Download .gf
      </button>
      <button
        type="button"
        disabled={!parses}
        title={parses ? undefined : 'The text has problems: fix them to save the graph as JSON'}
        onClick={() => {
          const s = spec();
          if (s) downloadJson(s);
        }}
      >
        Download .json
      </button>
      <button
        type="button"
        onClick={() => {
          clearDraft();
          pane.setState({ open: false, text: '', copyOf: null });
        }}
      >
        Discard draft
      </button>
      <button type="button" onClick={() => pane.setState({ open: false })}>
        Close
      </button>
    </div>
  );
}
