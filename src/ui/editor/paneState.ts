import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExplorerStore } from '../store';
import { loadDraft } from './draft';

/** Whether an explorer's text editor is open, and text the editor must show (set by a button). */
export interface PaneState {
  open: boolean;
  /** Text to put into the editor; `revision` changes each time, so the same text can be set twice. */
  text: string;
  revision: number;
  /** What the text is a copy of ("edited copy of Ex04 …"), shown above the editor; null for the learner's own graph. */
  copyOf: string | null;
  /** The editor is mounted (CodeMirror loaded): canvas edits and undo can reach its text. */
  ready: boolean;
  /** Undo and redo steps of the one history (CodeMirror's), for the buttons. */
  undoDepth: number;
  redoDepth: number;
}

const panes = new WeakMap<ExplorerStore, StoreApi<PaneState>>();

/** One pane state per explorer store. A saved draft opens the pane with it. */
export function paneFor(store: ExplorerStore): StoreApi<PaneState> {
  let pane = panes.get(store);
  if (!pane) {
    const draft = loadDraft();
    pane = createStore<PaneState>()(() => ({
      open: draft !== null,
      text: draft ?? '',
      revision: 0,
      copyOf: null,
      ready: false,
      undoDepth: 0,
      redoDepth: 0,
    }));
    panes.set(store, pane);
  }
  return pane;
}

/** Opens the pane showing `text` (a copy of `copyOf`, when it prints a graph that is not the learner's). */
export function openWith(store: ExplorerStore, text: string, copyOf: string | null = null): void {
  const pane = paneFor(store);
  pane.setState({ open: true, text, copyOf, revision: pane.getState().revision + 1 });
}
