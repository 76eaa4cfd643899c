import type { OptionValue, Role } from '../core/types';
import { type GfEdit, indexGf } from './edit';
import { addNode, addResidual } from './editAdd';
import { deleteNode } from './editDelete';
import { dropInput, setInput } from './editInputs';
import { setOp } from './editOp';
import { rename } from './editRename';

/**
 * The canvas's edits as edits of the .gf text (see edit.ts): each changes the expression or the
 * line it concerns and nothing else. What the engine thinks of the result (shapes, arity, cycles)
 * is for the caller to ask; an edit that cannot even be written is refused with a located problem.
 */
export type NewNode = { op: string; arity: number } | { leaf: Role };

export type GfEditOp =
  | { k: 'rename'; from: string; to: string }
  | { k: 'op'; id: string; op: string }
  | { k: 'input'; target: string; slot: number; source: string }
  | { k: 'dropInput'; target: string; slot: number }
  | { k: 'delete'; id: string }
  | { k: 'add'; what: NewNode; from: string | null }
  | { k: 'residual'; id: string; skip: string };

/**
 * One canvas edit of `text`. `options` are the option values the canvas shows: an edit of a
 * node that switches on an option changes the case those values pick (the others stay).
 */
export function editGf(text: string, op: GfEditOp, options: Readonly<Record<string, OptionValue>> = {}): GfEdit {
  const ix = indexGf(text, options);
  if (!('spec' in ix)) return { ok: false, problem: ix };
  switch (op.k) {
    case 'rename':
      return rename(ix, op.from, op.to);
    case 'op':
      return setOp(ix, op.id, op.op);
    case 'input':
      return setInput(ix, op.target, op.slot, op.source);
    case 'dropInput':
      return dropInput(ix, op.target, op.slot);
    case 'delete':
      return deleteNode(ix, op.id);
    case 'add':
      return addNode(ix, op.what, op.from);
    case 'residual':
      return addResidual(ix, op.id, op.skip);
  }
}
