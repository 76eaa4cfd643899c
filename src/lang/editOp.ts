import type { SyntaxNode } from '@lezer/common';
import { finish, type GfEdit, type GfIndex, type Splice } from './edit';
import { freshId } from './editAdd';
import { isEdit, opSite } from './editSite';
import { callText, kids, operands, src, unparen } from './editSyntax';
import { ident as identText } from './text';

/** The canvas's op change as an edit of the .gf text: the op's name or operator, nothing else. */

const INFIX: Record<string, string> = { add: '+', sub: '-', mul: '*', div: '/', matmul: '@', dot: '·' };
const PRECEDENCE: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2, '@': 2, '·': 2 };

/**
 * Another op at a node, same inputs, its attrs dropped (they were the old op's). A call keeps
 * its argument text and changes its name; `a + b` → `a * b` keeps the operator's place when the
 * precedence is the same; anything else is written as a call over the operands. An intermediate's
 * generated id follows the op (`z.relu` → `z.sigmoid`, and what reads it); so does a top-level id
 * that is the old op's name (`relu2`, as the palette names a new node); any other name is kept.
 */
export function setOp(ix: GfIndex, id: string, op: string): GfEdit {
  const s = opSite(ix, id, 'op');
  if (isEdit(s)) return s;
  if (op === s.node.op) return finish(ix, [], { old: id });
  const e = s.expr;
  let splice: Splice;
  const args = s.inputs.map((o) => src(ix.text, unparen(o)));
  const kw =
    e.name === 'Call' &&
    e
      .getChild('ArgList')
      ?.getChildren('Arg')
      .some((a) => a.firstChild?.name === 'KeywordArg');
  const bin = e.name === 'BinaryExpression' ? (kids(e)[1] as SyntaxNode) : null;
  if (e.name === 'Call' && !kw && s.inputs.length === operands(e).length) {
    const fn = e.firstChild as SyntaxNode;
    splice = { from: fn.from, to: fn.to, insert: op };
  } else if (
    bin &&
    s.inputs.length === 2 &&
    INFIX[op] &&
    INFIX[s.node.op] &&
    PRECEDENCE[INFIX[op] as string] === PRECEDENCE[INFIX[s.node.op] as string]
  ) {
    splice = { from: bin.from, to: bin.to, insert: INFIX[op] as string };
  } else splice = { from: e.from, to: e.to, insert: callText(op, args) };
  const rest = s.top ? id.slice(s.node.op.length) : '';
  // a switch's name names every case, not the op of one
  const generated = s.top && !s.shown && id.startsWith(s.node.op) && /^\d*$/.test(rest);
  if (!generated) return finish(ix, [splice], { old: id });
  const to = freshId({ ...ix.spec, nodes: ix.spec.nodes.filter((n) => n.id !== id) }, op);
  const lhs = s.assign.idSpan;
  return finish(
    ix,
    [splice, { from: lhs.from, to: lhs.to, insert: identText(to) }],
    { id: to },
    { map: new Map([[id, to]]), kinds: 'all' },
  );
}
