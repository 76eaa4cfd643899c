import { useEffect } from 'react';
import { bridgeOf } from '../../editor/bridge';
import { isTyping } from '../../stepper/useKeyboard';
import type { ExplorerStore } from '../../store';
import { applyEdit } from './applyEdit';
import { deleteNode } from './specEdits';

/**
 * Keys while the canvas is editable (focus outside any text field, so the editor's own keys stay
 * CodeMirror's): Delete / Backspace removes the selected node; Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z
 * and Ctrl+Y redo — the same history as the editor's; N opens the op palette's search.
 */
export function useEditKeys(store: ExplorerStore, openPalette: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || isTyping(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      let act: (() => void) | null = null;
      if (mod && key === 'z') act = e.shiftKey ? () => bridgeOf(store)?.redo() : () => bridgeOf(store)?.undo();
      else if (mod && key === 'y') act = () => bridgeOf(store)?.redo();
      else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
        const id = store.getState().selected;
        if (id !== null) act = () => void applyEdit(store, (s) => deleteNode(s, id));
      } else if (!mod && key === 'n') act = openPalette;
      if (!act) return;
      e.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, openPalette]);
}
