import { useCallback, useRef } from 'react';
import { useStore } from 'zustand';
import { bridgeOf } from '../../editor/bridge';
import { paneFor } from '../../editor/paneState';
import { useExplorerStore } from '../../store/context';
import { applyEdit } from './applyEdit';
import { selectEdge, useSelectedEdge } from './edges';
import { SelectedNodeEditor } from './NodeEditor';
import { Palette } from './Palette';
import { useEditKeys } from './useEditKeys';
import './edit.css';

/**
 * The canvas's editing controls, shown in the text editor's pane (the text is what every edit
 * rewrites), above the text rather than over the graph: the op palette, the selected node's
 * editor, undo/redo of the one history. On the canvas itself handles connect (Canvas's
 * onConnect → connectEdit) and the keys act (useEditKeys).
 */
export function EditLayer() {
  const store = useExplorerStore();
  const pane = paneFor(store);
  const undoDepth = useStore(pane, (s) => s.undoDepth);
  const redoDepth = useStore(pane, (s) => s.redoDepth);
  const search = useRef<HTMLInputElement>(null);
  const openPalette = useCallback(() => {
    search.current?.focus();
    // the palette may be mounting with a new layout: try again on the next frame
    if (document.activeElement !== search.current) requestAnimationFrame(() => search.current?.focus());
  }, []);
  useEditKeys(store, openPalette);
  const edge = useSelectedEdge();
  return (
    <section className="gf-edit" data-testid="canvas-edit" aria-label="edit the graph on the canvas">
      <div className="gf-edit__row">
        <Palette ref={search} />
        <button type="button" disabled={undoDepth === 0} onClick={() => bridgeOf(store)?.undo()} aria-label="undo (Ctrl+Z)">
          ↶
        </button>
        <button type="button" disabled={redoDepth === 0} onClick={() => bridgeOf(store)?.redo()} aria-label="redo (Ctrl+Shift+Z)">
          ↷
        </button>
      </div>
      {edge && (
        <p className="gf-edit__edge" data-testid="selected-edge">
          Edge {edge.source} → {edge.target} (input {edge.slot + 1}) selected{' '}
          <button
            type="button"
            aria-keyshortcuts="Delete"
            onClick={() => {
              selectEdge(store, null);
              void applyEdit(store, { k: 'dropInput', target: edge.target, slot: edge.slot });
            }}
          >
            Remove edge
          </button>
        </p>
      )}
      <SelectedNodeEditor />
    </section>
  );
}
