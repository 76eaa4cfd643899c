// Synthetic graphs for the UI benchmark and the layout tests: valid GraphSpecs of about N nodes.
//   chain      a deep MLP: x → (W, z = W·a, a = tanh z) × L → ½‖a − y‖²; one `block` group per layer
//   wide       one input fanned out to B branches (W, z, tanh) summed by a balanced add tree
//   attention  residual self-attention blocks (Wq Wk Wv Wo, scores, softmax, ·V, ·Wo, + X)
// Values come from a fixed-seed generator, so a graph of one kind and size is always the same.
import type { GraphSpec, NodeSpec } from '../src/core/types';

export type SyntheticKind = 'chain' | 'wide' | 'attention';
export const SYNTHETIC_KINDS: readonly SyntheticKind[] = ['chain', 'wide', 'attention'];

/** Vector width of the chain and wide graphs; attention uses T×D = 3×D. */
const D = 3;
const T = 3;
/** Groups a graph file may declare (the schema's limit, with room to spare). */
const MAX_GROUPS = 150;

/** A small deterministic generator (mulberry32), values in [−0.5, 0.5). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

const leaf = (id: string, value: NodeSpec['value'], role: NonNullable<NodeSpec['role']>, group?: string): NodeSpec => ({
  id,
  op: 'leaf',
  value,
  role,
  ...(group ? { group } : {}),
});
const op = (id: string, name: string, inputs: string[], extra: Partial<NodeSpec> = {}): NodeSpec => ({ id, op: name, inputs, ...extra });

function matrix(r: () => number, rows: number, cols: number, scale = 1): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => r() * scale));
}
const vector = (r: () => number, n: number) => Array.from({ length: n }, () => r());

function chain(n: number, r: () => number): GraphSpec {
  const layers = Math.max(1, Math.floor((n - 3) / 3));
  const nodes: NodeSpec[] = [leaf('x', vector(r, D), 'input'), leaf('y', vector(r, D), 'constant')];
  const groups: GraphSpec['groups'] = [];
  // A graph file holds at most 200 groups: long chains group several layers per block.
  const per = Math.ceil(layers / MAX_GROUPS);
  let prev = 'x';
  for (let l = 1; l <= layers; l++) {
    const group = `layer${Math.ceil(l / per)}`;
    if ((l - 1) % per === 0)
      groups.push({ id: group, label: per === 1 ? `layer ${l}` : `layers ${l}–${Math.min(layers, l + per - 1)}`, kind: 'block' });
    nodes.push(
      leaf(`W${l}`, matrix(r, D, D, 1.6), 'param', group),
      op(`z${l}`, 'matmul', [`W${l}`, prev], { group, layer: l }),
      op(`a${l}`, 'tanh', [`z${l}`], { group, layer: l }),
    );
    prev = `a${l}`;
  }
  nodes.push(op('loss', 'half_squared_error', [prev, 'y']));
  return {
    id: `synthetic-chain-${n}`,
    title: `Synthetic chain, ${layers} layers`,
    nodes,
    objectives: [{ name: 'loss', node: 'loss' }],
    groups,
  };
}

function wide(n: number, r: () => number): GraphSpec {
  const branches = Math.max(2, Math.floor((n - 3) / 4));
  const nodes: NodeSpec[] = [leaf('x', vector(r, D), 'input'), leaf('y', vector(r, D), 'constant')];
  const groups: GraphSpec['groups'] = [];
  let level: string[] = [];
  const per = Math.ceil(branches / MAX_GROUPS);
  for (let b = 1; b <= branches; b++) {
    const group = `branch${Math.ceil(b / per)}`;
    if ((b - 1) % per === 0)
      groups.push({ id: group, label: per === 1 ? `branch ${b}` : `branches ${b}–${Math.min(branches, b + per - 1)}`, kind: 'block' });
    nodes.push(
      leaf(`W${b}`, matrix(r, D, D), 'param', group),
      op(`z${b}`, 'matmul', [`W${b}`, 'x'], { group }),
      op(`h${b}`, 'tanh', [`z${b}`], { group }),
    );
    level.push(`h${b}`);
  }
  // A balanced tree of adds: depth log₂ B, so the graph stays wide.
  let k = 0;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i] as string;
      const b = level[i + 1];
      if (b === undefined) next.push(a);
      else {
        const id = `s${++k}`;
        nodes.push(op(id, 'add', [a, b]));
        next.push(id);
      }
    }
    level = next;
  }
  nodes.push(op('loss', 'half_squared_error', [level[0] as string, 'y']));
  return {
    id: `synthetic-wide-${n}`,
    title: `Synthetic wide graph, ${branches} branches`,
    nodes,
    objectives: [{ name: 'loss', node: 'loss' }],
    groups,
  };
}

function attention(n: number, r: () => number): GraphSpec {
  const blocks = Math.max(1, Math.floor((n - 3) / 12));
  const nodes: NodeSpec[] = [leaf('X', matrix(r, T, D), 'input'), leaf('Y', matrix(r, T, D), 'constant')];
  const groups: GraphSpec['groups'] = [];
  let prev = 'X';
  for (let b = 1; b <= blocks; b++) {
    const group = `attn${b}`;
    groups.push({ id: group, label: `attention ${b}`, kind: 'attention' });
    const g = { group, layer: b };
    for (const w of ['q', 'k', 'v', 'o']) nodes.push(leaf(`W${w}${b}`, matrix(r, D, D), 'param', group));
    nodes.push(
      op(`q${b}`, 'matmul', [prev, `Wq${b}`], g),
      op(`k${b}`, 'matmul', [prev, `Wk${b}`], g),
      op(`v${b}`, 'matmul', [prev, `Wv${b}`], g),
      op(`s${b}`, 'attn_scores', [`q${b}`, `k${b}`], g),
      op(`p${b}`, 'softmax', [`s${b}`], g),
      op(`o${b}`, 'matmul', [`p${b}`, `v${b}`], g),
      op(`m${b}`, 'matmul', [`o${b}`, `Wo${b}`], g),
      op(`h${b}`, 'add', [prev, `m${b}`], g),
    );
    prev = `h${b}`;
  }
  nodes.push(op('loss', 'half_squared_error', [prev, 'Y']));
  return {
    id: `synthetic-attention-${n}`,
    title: `Synthetic attention stack, ${blocks} blocks`,
    nodes,
    objectives: [{ name: 'loss', node: 'loss' }],
    groups,
  };
}

/** A valid graph of about `n` nodes (within one block of it) of the given kind. */
export function syntheticGraph(kind: SyntheticKind, n: number, seed = 1): GraphSpec {
  const r = random(seed * 7919 + n);
  if (kind === 'chain') return chain(n, r);
  if (kind === 'wide') return wide(n, r);
  return attention(n, r);
}
