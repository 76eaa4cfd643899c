import type { SyntaxNode } from '@lezer/common';
import { finish, type GfEdit, type GfIndex, refuse } from './edit';
import { isEdit, nodeOf, opSite } from './editSite';
import { callText, operands, src, unparen } from './editSyntax';
import { ident as identText } from './text';

/** The canvas's connect and remove-input edits as edits of the .gf text: one operand each. */

/** Input `slot` of `target` reads `source` (slot = the number of inputs: one more input, where the op's form allows). */
export function setInput(ix: GfIndex, target: string, slot: number, source: string): GfEdit {
  const s = opSite(ix, target, 'inputs');
  if (isEdit(s)) return s;
  if (!nodeOf(ix, source)) return refuse(target, s.field('inputs'), `no node "${source}"`);
  const n = s.inputs.length;
  if (!Number.isInteger(slot) || slot < 0 || slot > n) return refuse(target, s.field(`inputs[${slot}]`), `"${target}" has ${n} inputs`);
  const name = identText(source);
  if (slot < n) {
    const o = s.inputs[slot] as SyntaxNode;
    return finish(ix, [{ from: o.from, to: o.to, insert: name }], { old: target });
  }
  const e = s.expr;
  if (e.name === 'Call' && operands(e).length === n) {
    const last = s.inputs[n - 1];
    const open = e.getChild('ArgList')?.firstChild as SyntaxNode;
    const splice = last ? { from: last.to, to: last.to, insert: `, ${name}` } : { from: open.to, to: open.to, insert: name };
    const next = last ? null : e.getChild('ArgList')?.getChild('Arg');
    if (next) splice.insert = `${name}, `;
    return finish(ix, [splice], { old: target });
  }
  const args = [...s.inputs.map((o) => src(ix.text, unparen(o))), name];
  return finish(ix, [{ from: e.from, to: e.to, insert: callText(s.node.op, args, s.node.attrs) }], { old: target });
}

/**
 * Removes input `slot` of `target`: a call loses that argument (and its comma); an infix or
 * prefix form is written as a call without it (`a + b` → `add(a)`), which the language then
 * refuses with its located message when the op needs the input — the caller decides to keep it.
 */
export function dropInput(ix: GfIndex, target: string, slot: number): GfEdit {
  const s = opSite(ix, target, 'inputs');
  if (isEdit(s)) return s;
  const o = s.inputs[slot];
  if (!o || !Number.isInteger(slot)) return refuse(target, s.field(`inputs[${slot}]`), 'no such input edge');
  const e = s.expr;
  if (e.name === 'Call') {
    const args = e.getChild('ArgList')?.getChildren('Arg') ?? [];
    const i = args.findIndex((a) => a.firstChild?.from === o.from);
    const arg = args[i] as SyntaxNode;
    const next = args[i + 1];
    const prev = args[i - 1];
    const splice = next
      ? { from: arg.from, to: next.from, insert: '' }
      : prev
        ? { from: prev.to, to: arg.to, insert: '' }
        : { from: arg.from, to: arg.to, insert: '' };
    return finish(ix, [splice], { old: target });
  }
  const args = s.inputs.filter((_, k) => k !== slot).map((x) => src(ix.text, unparen(x)));
  return finish(ix, [{ from: e.from, to: e.to, insert: callText(s.node.op, args, s.node.attrs) }], { old: target });
}
