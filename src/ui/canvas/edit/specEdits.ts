import type { Problem } from '../../../core/errors';
import type { GraphSpec, NodeSpec, Role } from '../../../core/types';

/**
 * Canvas edits as pure functions GraphSpec → GraphSpec. Each either returns the edited spec or
 * a located problem (node + field) when the edit cannot even be written down; everything else
 * (shapes, arity, attrs, cycles) is left to the engine, which refuses the edited graph with its
 * own located message before anything reaches the text (applyEdit.ts).
 */
export type Edited = { ok: true; spec: GraphSpec; focus?: string } | { ok: false; problem: Problem };

const refused = (node: string | undefined, field: string, message: string): Edited => ({
  ok: false,
  problem: { ...(node !== undefined ? { node } : {}), field, message },
});

const find = (spec: GraphSpec, id: string): NodeSpec | undefined => spec.nodes.find((n) => n.id === id);

/** Every place a node id is read besides its own `id`: inputs (also in option cases), objectives, checks. */
function repoint(spec: GraphSpec, from: string, to: string, skip?: string): GraphSpec {
  const swap = (ids: string[] | undefined) => ids?.map((i) => (i === from ? to : i));
  return {
    ...spec,
    nodes: spec.nodes.map((n) => {
      if (n.id === skip || (!n.inputs?.includes(from) && !n.by)) return n;
      const out: NodeSpec = { ...n, ...(n.inputs ? { inputs: swap(n.inputs) } : {}) };
      if (n.by) {
        const cases = Object.fromEntries(Object.entries(n.by.cases).map(([k, c]) => [k, c.inputs ? { ...c, inputs: swap(c.inputs) } : c]));
        out.by = { ...n.by, cases };
      }
      return out;
    }),
  };
}

/** A fresh id: `base`, else `base2`, `base3`, … */
export function freshId(spec: GraphSpec, base: string): string {
  const taken = new Set(spec.nodes.map((n) => n.id));
  if (!taken.has(base)) return base;
  let k = 2;
  while (taken.has(`${base}${k}`)) k++;
  return `${base}${k}`;
}

/** Renames a node; its consumers, objectives and checks follow it. */
export function renameNode(spec: GraphSpec, from: string, to: string): Edited {
  if (!find(spec, from)) return refused(from, 'id', `no node "${from}"`);
  if (to === from) return { ok: true, spec, focus: to };
  if (find(spec, to)) return refused(from, 'id', `"${to}" is already the id of another node`);
  const renamed = repoint({ ...spec, nodes: spec.nodes.map((n) => (n.id === from ? { ...n, id: to } : n)) }, from, to);
  return {
    ok: true,
    focus: to,
    spec: {
      ...renamed,
      objectives: renamed.objectives.map((o) => (o.node === from ? { ...o, node: to } : o)),
      ...(renamed.checks ? { checks: renamed.checks.map((c) => (c.node === from ? { ...c, node: to } : c)) } : {}),
    },
  };
}

/**
 * Another op at a node, same inputs. Its attrs are dropped: they belonged to the old op (the
 * engine names any attr the new op requires).
 */
export function setOp(spec: GraphSpec, id: string, op: string): Edited {
  const n = find(spec, id);
  if (!n) return refused(id, 'op', `no node "${id}"`);
  if (n.op === 'leaf') return refused(id, 'op', `"${id}" is a leaf: it has a value, not an op`);
  const { attrs: _old, ...rest } = n;
  return { ok: true, focus: id, spec: { ...spec, nodes: spec.nodes.map((m) => (m.id === id ? { ...rest, op } : m)) } };
}

/** Input `slot` of `target` now reads `source` (a handle dragged onto an input, or the inspector's select). */
export function setInput(spec: GraphSpec, target: string, slot: number, source: string): Edited {
  const n = find(spec, target);
  if (!n) return refused(target, 'inputs', `no node "${target}"`);
  if (!find(spec, source)) return refused(target, 'inputs', `no node "${source}"`);
  const inputs = [...(n.inputs ?? [])];
  if (!Number.isInteger(slot) || slot < 0 || slot > inputs.length)
    return refused(target, `inputs[${slot}]`, `"${target}" has ${inputs.length} inputs`);
  inputs[slot] = source;
  return { ok: true, focus: target, spec: { ...spec, nodes: spec.nodes.map((m) => (m.id === target ? { ...m, inputs } : m)) } };
}

/** Removes input edge `slot` of `target` (the engine refuses an op left short of an input). */
export function deleteEdge(spec: GraphSpec, target: string, slot: number): Edited {
  const n = find(spec, target);
  if (!n?.inputs || slot < 0 || slot >= n.inputs.length) return refused(target, `inputs[${slot}]`, 'no such input edge');
  const inputs = n.inputs.filter((_, i) => i !== slot);
  return { ok: true, focus: target, spec: { ...spec, nodes: spec.nodes.map((m) => (m.id === target ? { ...m, inputs } : m)) } };
}

/**
 * Removes a node. Its consumers read its first input instead (deleting `a = relu(z)` leaves the
 * consumers of `a` reading `z`); a leaf has none, so its consumers are left reading a node that
 * is gone and the engine refuses that, naming them. An objective on it or a check of it: refused.
 */
export function deleteNode(spec: GraphSpec, id: string): Edited {
  const n = find(spec, id);
  if (!n) return refused(id, 'id', `no node "${id}"`);
  const objective = spec.objectives.find((o) => o.node === id);
  if (objective) return refused(id, 'objective', `objective "${objective.name}" is this node: point it at another node first`);
  if (spec.checks?.some((c) => c.node === id)) return refused(id, 'checks', `a check reads "${id}": remove that check first`);
  const rest = { ...spec, nodes: spec.nodes.filter((m) => m.id !== id) };
  const first = n.inputs?.[0];
  return { ok: true, spec: first !== undefined ? repoint(rest, id, first) : rest };
}

/** What the palette can add: an op (from the registry) or a leaf of a role. */
export type NewNode = { op: string; arity: number } | { leaf: Role };

/**
 * Adds a node. An op reads `from` in every input slot (connect the others afterwards); with
 * nothing selected it reads the graph's first node. A leaf starts as the scalar 1.
 */
export function addNode(spec: GraphSpec, what: NewNode, from: string | null): Edited {
  if ('leaf' in what) {
    const id = freshId(spec, what.leaf === 'constant' ? 'c' : what.leaf === 'param' ? 'w' : 'x');
    return { ok: true, focus: id, spec: { ...spec, nodes: [...spec.nodes, { id, op: 'leaf', value: 1, role: what.leaf }] } };
  }
  const source = from ?? spec.nodes[0]?.id;
  if (source === undefined) return refused(undefined, 'nodes', 'the graph has no node to read from');
  const id = freshId(spec, what.op);
  const node: NodeSpec = { id, op: what.op, inputs: Array.from({ length: what.arity }, () => source) };
  return { ok: true, focus: id, spec: { ...spec, nodes: [...spec.nodes, node] } };
}

/**
 * A residual around `id`: a new `add(id, skip)` node, and every consumer of `id` reads the sum
 * instead (aₗ = aₗ₋₁ + f(zₗ) from the edges out of `skip` and `id`).
 */
export function addResidual(spec: GraphSpec, id: string, skip: string): Edited {
  if (!find(spec, id)) return refused(id, 'inputs', `no node "${id}"`);
  if (!find(spec, skip)) return refused(id, 'inputs', `no node "${skip}"`);
  if (skip === id) return refused(id, 'inputs', 'a residual adds another node to this one');
  const sum = freshId(spec, `${id}_res`);
  const withSum = { ...spec, nodes: [...spec.nodes, { id: sum, op: 'add', inputs: [id, skip] }] };
  return { ok: true, focus: sum, spec: repoint(withSum, id, sum, sum) };
}
