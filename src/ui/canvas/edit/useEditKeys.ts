import { useEffect } from 'react';
import { bridgeOf } from '../../editor/bridge';
import { isTyping } from '../../stepper/useKeyboard';
import type { ExplorerStore } from '../../store';
import { applyEdit } from './applyEdit';
import { edgeSelectionFor, selectEdge } from './edges';

/**
 * Keys while the canvas is editable (focus outside any text field, so the editor's own keys stay
 * CodeMirror's): Delete / Backspace removes the selected edge (that input of its node) or else
 * the selected node; Escape lets go of a selected edge; Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and
 * Ctrl+Y redo — the same history as the editor's; N opens the op palette's search.
 */
export function useEditKeys(store: ExplorerStore, openPalette: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || isTyping(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const edge = edgeSelectionFor(store).getState().edge;
      let act: (() => void) | null = null;
      if (mod && key === 'z') act = e.shiftKey ? () => bridgeOf(store)?.redo() : () => bridgeOf(store)?.undo();
      else if (mod && key === 'y') act = () => bridgeOf(store)?.redo();
      else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
        const id = store.getState().selected;
        if (edge) {
          act = () => {
            selectEdge(store, null);
            void applyEdit(store, { k: 'dropInput', target: edge.target, slot: edge.slot });
          };
        } else if (id !== null) act = () => void applyEdit(store, { k: 'delete', id });
      } else if (!mod && e.key === 'Escape' && edge) act = () => selectEdge(store, null);
      else if (!mod && key === 'n') act = openPalette;
      if (!act) return;
      e.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, openPalette]);
}
