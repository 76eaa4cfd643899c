import type { TextChange } from '../../lang/edit';
import type { ExplorerStore } from '../store';

/**
 * What the canvas may ask of the mounted text editor, without importing CodeMirror (the canvas
 * is in the app shell; CodeMirror loads with the pane). EditorPane registers one per explorer.
 */
export interface EditorBridge {
  /** The editor's current text. */
  text(): string;
  /**
   * Writes a canvas edit (splices of the current text) as one undoable transaction. `ran`: the
   * caller has already run the edited graph (no second run for it); else the editor runs it now,
   * as typed text, and marks its problems.
   */
  writeEdit(changes: readonly TextChange[], ran: boolean): void;
  undo(): void;
  redo(): void;
}

const bridges = new WeakMap<ExplorerStore, EditorBridge>();

export const setBridge = (store: ExplorerStore, b: EditorBridge | null): void => {
  if (b) bridges.set(store, b);
  else bridges.delete(store);
};

/** The mounted editor of this explorer, or null when the pane is closed. */
export const bridgeOf = (store: ExplorerStore): EditorBridge | null => bridges.get(store) ?? null;

/** The .gf text each spec on screen was run from (typed, or written by a canvas edit), by spec object. */
const texts = new WeakMap<object, string>();

/** Records that `spec` is what `text` compiles to: a link to it can carry the text, comments and all. */
export const rememberText = (spec: object, text: string): void => {
  texts.set(spec, text);
};

/** The text `spec` was run from, when it came from the editor (or a link's text). */
export const textOf = (spec: unknown): string | undefined => (typeof spec === 'object' && spec !== null ? texts.get(spec) : undefined);
