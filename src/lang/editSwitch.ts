import type { SyntaxNode } from '@lezer/common';
import type { NodeSpec } from '../core/types';
import type { SwitchExpr } from './ast';
import { exprAt, type GfIndex } from './edit';

/**
 * A node that switches on an option, as the canvas shows it: the canvas draws the node of one
 * case (the one the shown option value picks, as the engine's resolveSwitches does), so an edit
 * of that node is an edit of that case's expression; the other cases stay as written.
 */
export interface ShownCase {
  option: string;
  /** The option value the canvas shows. */
  value: string;
  /** The case written for it: its key, or `else`. */
  key: string;
  expr: SyntaxNode;
  /** The node as that case makes it: its op, inputs and attrs. */
  node: NodeSpec;
  /** Where a problem with this case's field `f` is: `by.cases.<key>.f`, or `f` for the else case (as the language places them). */
  field: (f: string) => string;
}

const keyOf = (key: unknown): string | undefined => (key === undefined ? undefined : String(key));

/** The case of `sw` (the switch written for `node`) that the shown options pick; null when it is not written as an expression. */
export function shownCase(ix: GfIndex, node: NodeSpec, sw: SwitchExpr): ShownCase | null {
  const by = node.by;
  if (!by) return null;
  const value = String(ix.options[sw.option]);
  const fallbackKey = String(ix.spec.options?.find((o) => o.name === sw.option)?.default);
  const keyed = (k: string) => sw.cases.find((c) => keyOf(c.key) === k);
  const c = keyed(value) ?? sw.cases.find((x) => x.key === undefined) ?? keyed(fallbackKey);
  const expr = c && exprAt(ix.tree, c.expr.from, c.expr.to);
  if (!c || !expr) return null;
  const key = keyOf(c.key);
  const patch = key !== undefined ? by.cases[key] : undefined;
  const { by: _by, inputs: _inputs, attrs: _attrs, ...rest } = node;
  // the node's own fields are the else case's; a keyed case's are in `by.cases`
  const made: NodeSpec = patch
    ? { ...rest, op: patch.op ?? node.op, inputs: patch.inputs ?? [], ...(patch.attrs ? { attrs: patch.attrs } : {}) }
    : { ...rest, inputs: node.inputs ?? [], ...(node.attrs ? { attrs: node.attrs } : {}) };
  return {
    option: sw.option,
    value,
    key: key ?? 'else',
    expr,
    node: made,
    field: (f) => (key === undefined ? f : `by.cases.${key}.${f}`),
  };
}

/** Each case's first input, by the case's key (`else` for the else case). */
export function firstInputs(node: NodeSpec, sw: SwitchExpr): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const c of sw.cases) {
    const key = keyOf(c.key);
    out.set(key ?? 'else', key === undefined ? node.inputs?.[0] : node.by?.cases[key]?.inputs?.[0]);
  }
  return out;
}
