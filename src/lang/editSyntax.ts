import type { SyntaxNode } from '@lezer/common';
import type { AttrValue } from '../core/types';
import { literal, quote } from './text';

/**
 * Reading and writing the expressions a canvas edit changes, on the Lezer tree (see edit.ts):
 * an expression's operands as written, its parentheses, and the text that can stand in for one.
 */

export const src = (text: string, n: SyntaxNode): string => text.slice(n.from, n.to);

export const kids = (n: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
};

export const unparen = (n: SyntaxNode): SyntaxNode => {
  let m = n;
  while (m.name === 'ParenExpression' && kids(m)[1]) m = kids(m)[1] as SyntaxNode;
  return m;
};

/** The expression with the parentheses written around it, when there are some. */
export const withParens = (n: SyntaxNode): SyntaxNode => {
  let m = n;
  while (m.parent?.name === 'ParenExpression') m = m.parent;
  return m;
};

/** The operand expressions of an op's expression, as written (call arguments, infix sides, the negated). */
export function operands(e: SyntaxNode): SyntaxNode[] {
  if (e.name === 'Call')
    return (e.getChild('ArgList')?.getChildren('Arg') ?? []).map((a) => a.firstChild as SyntaxNode).filter((c) => c.name !== 'KeywordArg');
  if (e.name === 'BinaryExpression') {
    const k = kids(e);
    return [k[0] as SyntaxNode, k[2] as SyntaxNode];
  }
  if (e.name === 'UnaryExpression') return [e.lastChild as SyntaxNode];
  return [];
}

/** Text that can stand where an operand was (wrapped when it would bind looser than its place). */
export function operandText(text: string, operand: SyntaxNode, place: SyntaxNode): string {
  const u = unparen(operand);
  const loose = u.name === 'BinaryExpression' || u.name === 'UnaryExpression';
  const tight = place.parent?.name === 'BinaryExpression' || place.parent?.name === 'UnaryExpression';
  return loose && tight ? `(${src(text, u)})` : src(text, u);
}

const attrText = (v: AttrValue): string =>
  v === null ? 'null' : typeof v === 'string' ? quote(v) : typeof v === 'boolean' ? String(v) : literal(v);

/** An op written as a call over operand texts, its attrs as keyword arguments. */
export const callText = (op: string, args: string[], attrs?: Record<string, AttrValue>): string =>
  `${op}(${[...args, ...Object.entries(attrs ?? {}).map(([k, v]) => `${k}=${attrText(v)}`)].join(', ')})`;
