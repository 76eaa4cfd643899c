import { isolateHistory } from '@codemirror/commands';
import { Annotation, Transaction } from '@codemirror/state';
import type { TextChange } from '../../lang/edit';

/**
 * ONE undo history for text and canvas: CodeMirror's. A canvas edit is written into the text as
 * a transaction of its own (isolated, so it is one undo step), so Ctrl+Z in the editor, the Undo
 * button and Ctrl+Z over the canvas all walk the same list. Undoing changes the text, and the
 * text is what runs: the canvas and the gradients follow it. (zundo over the store would be a
 * second history beside CodeMirror's, and the two would have to be kept in step by hand.)
 * The annotation says whether the edited graph was already run ('ran') or is to be run like
 * typed text ('run': an input edge removed, which may leave an op short of an input).
 */
export const canvasEdit = Annotation.define<'ran' | 'run'>();

export const canvasEditOf = (tr: Transaction): 'ran' | 'run' | undefined => tr.annotation(canvasEdit);

/**
 * The transaction spec of one canvas edit: its splices of the text (positions in the text before
 * it), so the cursor, the selection and the untouched text stay where they were.
 */
export const canvasTransaction = (changes: readonly TextChange[], ran: boolean) => ({
  changes: changes.map(({ from, to, insert }) => ({ from, to, insert })),
  annotations: [canvasEdit.of(ran ? 'ran' : 'run'), isolateHistory.of('full' as const), Transaction.userEvent.of('input.canvas')],
});
