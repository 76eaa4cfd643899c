import { z } from 'zod';
import { GraphError, type Problem, quote, ShapeError } from './errors';
import { MAX_TENSOR_SIZE } from './limits';
import type { AnyOp } from './op';
import { LEAF, opNames, REGISTRY } from './registry';
import { parseGraphSpec } from './schema';
import { didYouMean } from './suggest';
import { parseLiteral, sameShape, showShape, sizeOf } from './tensor';
import type { GraphSpec, NodeSpec, Role, Shape } from './types';
import { GRAD_ROLES } from './types';

export interface CompiledNode {
  id: string;
  spec: NodeSpec;
  /** null for leaves. */
  op: AnyOp | null;
  inputs: string[];
  /** Attrs after the op's schema (defaults filled in). */
  attrs: Record<string, unknown>;
  shape: Shape;
  role: Role | null;
  /** Leaves: the value, flat. */
  value: Float32Array | null;
  /** Where this node's value is used: consumer id and input slot. */
  consumers: { node: string; slot: number }[];
  /** True when some input/param leaf lies upstream (or this is one): a gradient flows here. */
  needsGrad: boolean;
}

export interface Program {
  spec: GraphSpec;
  nodes: ReadonlyMap<string, CompiledNode>;
  /** Every node, inputs before consumers (stable: spec order among ready nodes). */
  order: string[];
  /** Objective name → scalar node id. */
  objectives: ReadonlyMap<string, string>;
}

/** Validates, topo-sorts and infers every shape. Throws GraphError naming node and field. */
export function compile(raw: unknown): Program {
  const spec = parseGraphSpec(raw);
  const problems: Problem[] = [];
  const byId = new Map<string, NodeSpec>();
  for (const n of spec.nodes) {
    if (byId.has(n.id)) problems.push({ node: n.id, field: 'id', message: 'duplicate id' });
    else byId.set(n.id, n);
  }
  const literals = new Map<NodeSpec, { shape: Shape; data: Float32Array }>();
  for (const n of spec.nodes) checkNode(n, byId, problems, literals);
  if (problems.length) throw new GraphError(problems);

  const order = topoSort(spec.nodes, byId);
  const nodes = new Map<string, CompiledNode>();
  for (const id of order) {
    const n = byId.get(id) as NodeSpec;
    nodes.set(id, inferNode(n, nodes, literals));
  }
  for (const n of nodes.values()) {
    n.inputs.forEach((src, slot) => {
      nodes.get(src)?.consumers.push({ node: n.id, slot });
    });
  }

  for (const n of nodes.values()) {
    for (const r of n.op?.nodeRefs?.(n.attrs) ?? []) {
      const ref = nodes.get(r.id);
      if (r.sameShape && ref && !sameShape(ref.shape, n.shape)) {
        problems.push({
          node: n.id,
          field: r.field,
          message: `"${r.id}" has shape ${showShape(ref.shape)}, expected ${showShape(n.shape)} like this node`,
        });
      }
    }
  }

  const objectives = new Map<string, string>();
  spec.objectives.forEach((o, i) => {
    const target = nodes.get(o.node);
    if (!target) problems.push({ field: `objectives[${i}].node`, message: `objective "${o.name}" names no node "${o.node}"` });
    else if (target.shape.length !== 0) {
      problems.push({
        node: o.node,
        field: `objectives[${i}]`,
        message: `objective "${o.name}" must be a scalar, got ${showShape(target.shape)}`,
      });
    }
    if (objectives.has(o.name)) problems.push({ field: `objectives[${i}].name`, message: `duplicate objective "${o.name}"` });
    objectives.set(o.name, o.node);
  });
  spec.options?.forEach((o, i) => {
    if (!o.values.includes(o.default)) {
      problems.push({
        field: `options[${i}].default`,
        message: `default ${JSON.stringify(o.default)} of option "${o.name}" is not one of its values`,
      });
    }
  });
  const groups = new Set(spec.groups?.map((g) => g.id));
  for (const n of spec.nodes) {
    if (n.group !== undefined && !groups.has(n.group))
      problems.push({ node: n.id, field: 'group', message: `no group "${n.group}" is declared` });
  }
  if (problems.length) throw new GraphError(problems);
  return { spec, nodes, order, objectives };
}

/** Checks a node on its own; a leaf's parsed literal goes into `literals` (parsed once per compile). */
function checkNode(
  n: NodeSpec,
  byId: Map<string, NodeSpec>,
  problems: Problem[],
  literals: Map<NodeSpec, { shape: Shape; data: Float32Array }>,
): void {
  const inputs = n.inputs ?? [];
  if (n.op === LEAF) {
    if (inputs.length) problems.push({ node: n.id, field: 'inputs', message: 'a leaf takes no inputs' });
    if (n.value === undefined) problems.push({ node: n.id, field: 'value', message: 'a leaf needs a value' });
    else {
      const lit = parseLiteral(n.value);
      if (typeof lit === 'string') problems.push({ node: n.id, field: 'value', message: lit });
      else literals.set(n, lit);
    }
    return;
  }
  const op = knownOp(n.id, n.op, inputs.length, problems);
  if (!op) return;
  if (n.value !== undefined) problems.push({ node: n.id, field: 'value', message: `only leaves take a value; "${n.op}" computes its own` });
  if (n.role !== undefined) problems.push({ node: n.id, field: 'role', message: `only leaves have a role; "${n.op}" is computed` });
  inputs.forEach((src, i) => {
    if (src === n.id) problems.push({ node: n.id, field: `inputs[${i}]`, message: 'a node cannot consume itself (cycle)' });
    else if (!byId.has(src)) problems.push({ node: n.id, field: `inputs[${i}]`, message: `unknown input "${src}"` });
  });
  const known = attrNames(op);
  for (const key of Object.keys(n.attrs ?? {})) {
    if (known.includes(key)) continue;
    const near = didYouMean(key, known);
    const takes = known.length ? `${n.op} takes: ${known.join(', ')}` : `${n.op} takes no attrs`;
    problems.push({
      node: n.id,
      field: `attrs.${key}`,
      message: `unknown attr ${quote(key)}${near ? ` — did you mean "${near}"?` : ''} (${takes})`,
    });
  }
  const parsed = op.attrs ? op.attrs.safeParse(n.attrs ?? {}) : { success: true as const, data: n.attrs ?? {} };
  if (!parsed.success) {
    for (const i of parsed.error.issues)
      problems.push({ node: n.id, field: `attrs.${i.path.map(String).join('.')}`.replace(/\.$/, ''), message: i.message });
  } else if (op.nodeRefs) {
    for (const r of op.nodeRefs(parsed.data)) {
      if (!byId.has(r.id)) problems.push({ node: n.id, field: r.field, message: `names no node "${r.id}"` });
    }
  }
}

/**
 * The one check of an op by name and input count, for every caller (compile, a user's file with
 * its switch cases, the CLI's fmt/convert): the op, or a problem at `field` (unknown op with a
 * did-you-mean; a wrong arity at `inputs`, saying the op's slots).
 */
function knownOp(node: string, name: string, arity: number, problems: Problem[], prefix = ''): AnyOp | undefined {
  const op = REGISTRY.get(name);
  if (!op) {
    const near = didYouMean(name, [...opNames(), LEAF]);
    problems.push({ node, field: `${prefix}op`, message: `unknown op ${quote(name)}${near ? ` (did you mean "${near}"?)` : ''}` });
    return undefined;
  }
  if (op.variadic ? arity < 1 : arity !== op.inputs.length) {
    const n = op.inputs.length;
    const want = op.variadic ? `one or more inputs (${op.inputs[0]}…)` : `${n} input${n === 1 ? '' : 's'} (${op.inputs.join(', ')})`;
    problems.push({ node, field: `${prefix}inputs`, message: `${name} takes ${want}, got ${arity}` });
  }
  return op;
}

/**
 * Every op a spec names, checked by name and input count: its nodes' and, for nodes an option
 * switches, every case's (compile sees only the cases the options chose). Leaves are not ops.
 */
export function opProblems(spec: GraphSpec): Problem[] {
  const problems: Problem[] = [];
  for (const n of spec.nodes) {
    if (n.op !== LEAF) knownOp(n.id, n.op, (n.inputs ?? []).length, problems);
    for (const [key, c] of Object.entries(n.by?.cases ?? {})) {
      if (c.op === undefined || (c.op === n.op && (c.inputs ?? []).length === (n.inputs ?? []).length)) continue;
      knownOp(n.id, c.op, (c.inputs ?? []).length, problems, `by.cases.${key}.`);
    }
  }
  return problems;
}

/** The attr names an op declares (its schema's keys); none without a schema. */
export function attrNames(op: AnyOp): string[] {
  return op.attrs instanceof z.ZodObject ? Object.keys(op.attrs.shape) : [];
}

/** Kahn's algorithm; on a cycle, names the nodes on it. */
function topoSort(list: NodeSpec[], byId: Map<string, NodeSpec>): string[] {
  const indeg = new Map<string, number>();
  const users = new Map<string, string[]>();
  for (const n of list) {
    indeg.set(n.id, (n.inputs ?? []).length);
    for (const src of n.inputs ?? []) users.set(src, [...(users.get(src) ?? []), n.id]);
  }
  const ready = list.filter((n) => indeg.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift() as string;
    order.push(id);
    for (const u of users.get(id) ?? []) {
      const d = (indeg.get(u) as number) - 1;
      indeg.set(u, d);
      if (d === 0) ready.push(u);
    }
  }
  if (order.length === list.length) return order;
  const cycle = findCycle(
    list.filter((n) => (indeg.get(n.id) ?? 0) > 0).map((n) => n.id),
    byId,
  );
  throw new GraphError([{ node: cycle[0], field: 'inputs', message: `cycle: ${cycle.join(' → ')}` }]);
}

function findCycle(stuck: string[], byId: Map<string, NodeSpec>): string[] {
  const inStuck = new Set(stuck);
  // Every stuck node has a stuck input, so walking inputs must revisit a node.
  let cur = stuck[0] as string;
  const seen = new Map<string, number>();
  const path: string[] = [];
  while (!seen.has(cur)) {
    seen.set(cur, path.length);
    path.push(cur);
    cur = (byId.get(cur)?.inputs ?? []).find((s) => inStuck.has(s)) as string;
  }
  return [...path.slice(seen.get(cur)), cur].reverse();
}

function inferNode(
  n: NodeSpec,
  done: Map<string, CompiledNode>,
  literals: ReadonlyMap<NodeSpec, { shape: Shape; data: Float32Array }>,
): CompiledNode {
  const base = { id: n.id, spec: n, inputs: n.inputs ?? [], consumers: [] };
  if (n.op === LEAF) {
    const lit = literals.get(n) ?? (parseLiteral(n.value) as { shape: Shape; data: Float32Array });
    const role = n.role ?? 'input';
    return { ...base, op: null, attrs: {}, shape: lit.shape, role, value: lit.data, needsGrad: GRAD_ROLES.includes(role) };
  }
  const op = REGISTRY.get(n.op) as AnyOp;
  const attrs = op.attrs ? op.attrs.parse(n.attrs ?? {}) : (n.attrs ?? {});
  const ins = base.inputs.map((s) => done.get(s) as CompiledNode);
  let shape: Shape;
  try {
    shape = op.shape(
      ins.map((i) => i.shape),
      attrs,
    );
  } catch (e) {
    if (!(e instanceof ShapeError)) throw e;
    const slot = op.inputs.indexOf(e.field);
    const field = slot >= 0 ? `inputs[${slot}]` : e.field;
    const src = slot >= 0 ? ` ("${base.inputs[slot]}")` : '';
    throw new GraphError([{ node: n.id, field, message: `${n.op}${src}: ${e.message}` }]);
  }
  if (sizeOf(shape) > MAX_TENSOR_SIZE) {
    throw new GraphError([
      { node: n.id, field: 'shape', message: `output ${showShape(shape)} exceeds the limit of ${MAX_TENSOR_SIZE} entries` },
    ]);
  }
  return { ...base, op, attrs, shape, role: null, value: null, needsGrad: ins.some((i) => i.needsGrad) };
}

/** Replaces leaf values (shapes may change); unknown or non-leaf ids are located errors. */
export function withValues(spec: GraphSpec, values: Readonly<Record<string, unknown>>): GraphSpec {
  const problems: Problem[] = [];
  const known = new Map(spec.nodes.map((n) => [n.id, n]));
  for (const key of Object.keys(values)) {
    const n = known.get(key);
    if (!n) problems.push({ node: key, field: 'inputs', message: `no node "${key}" in this graph` });
    else if (n.op !== LEAF)
      problems.push({ node: key, field: 'value', message: `"${key}" is computed by ${n.op}; only leaves take values` });
  }
  if (problems.length) throw new GraphError(problems);
  return {
    ...spec,
    nodes: spec.nodes.map((n) => (Object.hasOwn(values, n.id) ? { ...n, value: values[n.id] as NodeSpec['value'] } : n)),
  };
}
