import type { SyntaxNode } from '@lezer/common';
import type { NodeSpec } from '../core/types';
import { type GfEdit, type GfIndex, refuse, type Site, siteOf } from './edit';
import { identOf } from './editRefs';
import { type ShownCase, shownCase } from './editSwitch';
import { operands, unparen } from './editSyntax';

/** Where an edit finds the node it changes: its spec, and the operands its expression writes for each input. */

export const nodeOf = (ix: GfIndex, id: string): NodeSpec | undefined => ix.spec.nodes.find((n) => n.id === id);

/**
 * The operand written for each input slot of a node: `b` is input 1 of `a + b`; the scalar of
 * `0.5 * x` and the exponent of `x^2` are attributes, not inputs. Null when they cannot be matched.
 */
function inputOperands(ix: GfIndex, node: NodeSpec, e: SyntaxNode): SyntaxNode[] | null {
  const ops = operands(e);
  const used = new Set<number>();
  const out: SyntaxNode[] = [];
  for (const id of node.inputs ?? []) {
    const span = ix.spans.get(id);
    const j = ops.findIndex((o, k) => {
      if (used.has(k)) return false;
      const u = unparen(o);
      if (u.name === 'Ident') return identOf(ix.text, u) === id;
      return span !== undefined && !ix.assigns.some((a) => a.id === id) && span.from === u.from && span.to === u.to;
    });
    if (j < 0) return null;
    used.add(j);
    out.push(ops[j] as SyntaxNode);
  }
  return out;
}

export interface OpSite extends Site {
  /** The node as its expression makes it (for a switch, as the shown case makes it). */
  node: NodeSpec;
  expr: SyntaxNode;
  inputs: SyntaxNode[];
  /** For a node that switches on an option: the case the edit changes. */
  shown?: ShownCase;
  /** Where a problem with the edited field `f` is (a switch's case names its key). */
  field: (f: string) => string;
}

/** The site of an op node whose operands can be edited, or why not. */
export function opSite(ix: GfIndex, id: string, field: string): OpSite | GfEdit {
  const node = nodeOf(ix, id);
  const site = siteOf(ix, id);
  if (!node || !site) return refuse(id, field, `no node "${id}"`);
  if (node.op === 'leaf') return refuse(id, field, `"${id}" is a leaf: it has a value, not an op`);
  const rhs = site.assign.rhs;
  if (node.by && rhs.k === 'switch') {
    const shown = shownCase(ix, node, rhs);
    if (!shown)
      return refuse(
        id,
        'by.cases',
        `the case of "${id}" for ${rhs.option} = ${String(ix.options[rhs.option])} is not an expression: edit its text`,
      );
    const inputs = inputOperands(ix, shown.node, shown.expr);
    if (!inputs)
      return refuse(id, shown.field(field), `the inputs of case ${shown.key} of "${id}" are not written as its operands: edit its text`);
    return { ...site, node: shown.node, expr: shown.expr, inputs, shown, field: shown.field };
  }
  if (!site.expr) return refuse(id, field, `"${id}" is not written as an expression of its own: edit its text`);
  const inputs = inputOperands(ix, node, site.expr);
  if (!inputs) return refuse(id, field, `the inputs of "${id}" are not written as operands of its expression: edit its text`);
  return { ...site, node, expr: site.expr, inputs, field: (f) => f };
}

export const isEdit = (x: OpSite | GfEdit): x is GfEdit => 'ok' in x;
