import { isolateHistory } from '@codemirror/commands';
import { Annotation, type ChangeSpec, Transaction } from '@codemirror/state';

/**
 * ONE undo history for text and canvas: CodeMirror's. A canvas edit is written into the text as
 * a transaction of its own (isolated, so it is one undo step), so Ctrl+Z in the editor, the Undo
 * button and Ctrl+Z over the canvas all walk the same list. Undoing changes the text, and the
 * text is what runs: the canvas and the gradients follow it. (zundo over the store would be a
 * second history beside CodeMirror's, and the two would have to be kept in step by hand.)
 */
export const canvasEdit = Annotation.define<boolean>();

export const isCanvasEdit = (tr: Transaction): boolean => tr.annotation(canvasEdit) === true;

/** The smallest change turning `from` into `to`: the cursor and the untouched text stay where they were. */
export function minimalChange(from: string, to: string): ChangeSpec {
  let start = 0;
  const max = Math.min(from.length, to.length);
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  return { from: start, to: from.length - end, insert: to.slice(start, to.length - end) };
}

/** The transaction spec of one canvas edit. */
export const canvasTransaction = (from: string, to: string) => ({
  changes: minimalChange(from, to),
  annotations: [canvasEdit.of(true), isolateHistory.of('full' as const), Transaction.userEvent.of('input.canvas')],
});
