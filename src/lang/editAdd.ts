import type { GraphSpec } from '../core/types';
import { type Assign, finish, type GfEdit, type GfIndex, lineAfter, refuse, siteOf } from './edit';
import type { NewNode } from './editOps';
import { nodeOf } from './editSite';
import { src, withParens } from './editSyntax';
import { opExpr } from './print';
import { expr, ident as identText } from './text';

/** The canvas's palette and residual as edits of the .gf text: a new line, or a sum in place. */

/** A fresh id: `base`, else `base2`, `base3`, … */
export function freshId(spec: GraphSpec, base: string): string {
  const taken = new Set(spec.nodes.map((n) => n.id));
  if (!taken.has(base)) return base;
  let k = 2;
  while (taken.has(`${base}${k}`)) k++;
  return `${base}${k}`;
}

/** Where a new line goes: after the last assignment of the file (so before objectives and checks). */
function lastAssign(ix: GfIndex): Assign | undefined {
  const top = ix.stmts.filter((s): s is Assign => s.k === 'assign');
  return top[top.length - 1] ?? ix.assigns[ix.assigns.length - 1];
}

/** Adds a line: an op reading `from` in every input slot (connect the others afterwards), or a leaf of a role, the scalar 1. */
export function addNode(ix: GfIndex, what: NewNode, from: string | null): GfEdit {
  let id: string;
  let line: string;
  if ('leaf' in what) {
    id = freshId(ix.spec, what.leaf === 'constant' ? 'c' : what.leaf === 'param' ? 'w' : 'x');
    line = `${what.leaf} ${identText(id)} = 1`;
  } else {
    const source = from ?? ix.spec.nodes[0]?.id;
    if (source === undefined) return refuse(undefined, 'nodes', 'the graph has no node to read from');
    id = freshId(ix.spec, what.op);
    const args = Array.from({ length: what.arity }, () => ({ k: 'name' as const, id: source, from: 0, to: 0 }));
    // the printer's form of the op: `neg = -x`, `add = x + x`, `tanh = tanh(x)`
    line = `${identText(id)} = ${expr(opExpr(what.op, args, undefined))}`;
  }
  const after = lastAssign(ix);
  const splice = after ? lineAfter(ix.text, after, line) : { from: ix.text.length, to: ix.text.length, insert: `${line}\n` };
  return finish(ix, [splice], { id });
}

/**
 * A residual around `id` from `skip`: what read `id` reads `id + skip`. For a line's own node
 * a new line `<id>_res = id + skip` below it; for an intermediate, its place becomes `(… + skip)`.
 */
export function addResidual(ix: GfIndex, id: string, skip: string): GfEdit {
  const site = siteOf(ix, id);
  if (!nodeOf(ix, id) || !site) return refuse(id, 'inputs', `no node "${id}"`);
  if (!nodeOf(ix, skip)) return refuse(id, 'inputs', `no node "${skip}"`);
  if (skip === id) return refuse(id, 'inputs', 'a residual adds another node to this one');
  if (site.top) {
    const sum = freshId(ix.spec, `${id}_res`);
    const splice = lineAfter(ix.text, site.assign, `${identText(sum)} = ${identText(id)} + ${identText(skip)}`);
    return finish(ix, [splice], { id: sum }, { map: new Map([[id, sum]]), kinds: 'expr' });
  }
  if (!site.expr) return refuse(id, 'inputs', `"${id}" is not written as an expression of its own: edit its text`);
  const place = withParens(site.expr);
  const inner = `${src(ix.text, site.expr)} + ${identText(skip)}`;
  const splice = { from: place.from, to: place.to, insert: `(${inner})` };
  return finish(ix, [splice], { splice, from: 1, to: 1 + inner.length });
}
