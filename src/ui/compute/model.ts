import type { Program } from '../../core/compile';
import { toNested } from '../../core/tensor';
import type { NestedNumber } from '../../core/types';
import type { Exercise } from '../../engine/exercise';
import { inertText } from './inert';
import type { GraphModel, NodeModel } from './protocol';

/**
 * The plain view of a compiled program that crosses to the UI (no functions, no tensors).
 * Every piece of display text goes through inertText; ids and option values stay as given.
 */
export function graphModel(program: Program, ex: Pick<Exercise, 'id' | 'title' | 'text'>): GraphModel {
  const nodes: NodeModel[] = program.order.map((id) => {
    const n = program.nodes.get(id);
    if (!n) throw new Error(`program order names no node "${id}"`);
    const op = n.op;
    return {
      id,
      label: inertText(n.spec.label) ?? id,
      op: op?.name ?? 'leaf',
      role: n.role,
      symbol: op?.symbol ?? '',
      inputs: [...n.inputs],
      slotNames: op ? n.inputs.map((_, i) => (op.variadic ? `inputs[${i}]` : (op.inputs[i] ?? `#${i}`))) : [],
      attrs: { ...n.attrs },
      shape: [...n.shape],
      formula: op ? { forward: op.formula.forward, vjp: [...op.formula.vjp] } : null,
      stochastic: op?.stochastic ?? false,
      needsGrad: n.needsGrad,
      note: inertText(n.spec.note),
      group: n.spec.group,
      layer: n.spec.layer,
    };
  });
  const spec = program.spec;
  const groups = (spec.groups ?? []).map((g) => ({ ...g, label: inertText(g.label) }));
  const structureKey = JSON.stringify([
    nodes.map((n) => [n.id, n.op, n.role, n.inputs, n.group ?? null]),
    groups.map((g) => [g.id, g.kind]),
  ]);
  return {
    id: spec.id ?? ex.id,
    title: inertText(spec.title ?? ex.title),
    text: inertText(ex.text),
    nodes,
    groups,
    options: (spec.options ?? []).map((o) => ({ ...o, label: inertText(o.label) })),
    objectives: spec.objectives.map((o) => ({ ...o, label: inertText(o.label) })),
    notes: (spec.notes ?? []).map((t) => inertText(t)),
    tracks: (spec.tracks ?? []).map((t) => ({
      ...t,
      title: inertText(t.title),
      stops: t.stops.map((s) => ({ ...s, title: inertText(s.title), callout: inertText(s.callout) })),
    })),
    structureKey,
  };
}

/** Every leaf's current value as a nested literal (what the value editors start from). */
export function leafValues(program: Program): Record<string, NestedNumber> {
  const out: Record<string, NestedNumber> = {};
  for (const n of program.nodes.values()) {
    if (n.value) out[n.id] = toNested({ shape: n.shape, data: n.value });
  }
  return out;
}
