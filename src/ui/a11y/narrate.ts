import { norm, type Snapshot } from '../../core/tensor';
import type { Step } from '../../engine/trace';
import { describeNode } from '../canvas/nodeKind';
import type { NodeModel } from '../compute/protocol';

/** What narration needs of the graph: each node's label and op (GraphModel's nodes fit). */
export interface NarrationGraph {
  nodes: readonly { id: string; label: string; op: string; inputs: readonly string[] }[];
}

/** A node, or an edge into `node` from `from` (edges are listed after the node they enter). */
export interface NavEntry {
  node: string;
  from?: string;
}

/**
 * What a node-list item says before its values: `edge a to b`, or `node a, <what it is>` in the
 * words of `describeNode` (the inspector's: `param`, `relu`, `objective · sum`, `stochastic · bernoulli`).
 */
export function headOf(it: NavEntry, byId: ReadonlyMap<string, NodeModel>, objectiveNode: string | undefined): string {
  const label = (id: string) => byId.get(id)?.label ?? id;
  if (it.from !== undefined) return `edge ${label(it.from)} to ${label(it.node)}`;
  const n = byId.get(it.node);
  return n ? `node ${n.label}, ${describeNode(n, objectiveNode).description}` : `node ${it.node}`;
}

/** 3 significant digits, no trailing zeros, exponent for very small or large (read aloud well). */
export function spokenNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'not a number' : x > 0 ? 'infinity' : 'minus infinity';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e5) return String(Number(x.toPrecision(3)));
  const [m, e] = x.toExponential(2).split('e');
  return `${Number(m)} times 10 to the ${Number(e)}`;
}

/** A tensor in words: a scalar's value, else its shape and norm. */
export function spokenTensor(t: Snapshot): string {
  if (t.data.length === 1) return spokenNumber(t.data[0] as number);
  return `${t.shape.join(' by ')} tensor, norm ${spokenNumber(norm(t.data))}`;
}

const PHASE_WORD: Record<Step['phase'], string> = {
  forward: 'forward step',
  seed: 'seed step',
  backward: 'backward step',
  free: 'memory step',
  recompute: 'recompute step',
};

/**
 * One step in words, from the step's own data (the same the canvas and the formulas show):
 * "backward step 7 of 13: W₁x (matmul) — ∂loss/∂W₁x, norm 0.56; sends ∂loss/∂W1 (norm 0.5) …. <commentary>".
 */
export function narrateStep(step: Step, total: number, graph: NarrationGraph, objective: string): string {
  const label = (id: string) => graph.nodes.find((n) => n.id === id)?.label ?? id;
  const node = label(step.node);
  const head = `${PHASE_WORD[step.phase]} ${step.index + 1} of ${total}: ${node} (${step.op})`;
  const parts: string[] = [];
  if ((step.phase === 'forward' || step.phase === 'recompute') && step.value) parts.push(`value ${spokenTensor(step.value)}`);
  if ((step.phase === 'seed' || step.phase === 'backward') && step.grad) parts.push(`∂${objective}/∂${node} = ${spokenTensor(step.grad)}`);
  if (step.phase === 'backward' && step.sent?.length) {
    const sent = step.sent.map((s) => `∂${objective}/∂${label(s.to)} ${spokenTensor(s.grad)}`);
    parts.push(`sends ${sent.join('; ')}`);
  }
  if (step.phase === 'free') parts.push(`frees the value of ${node}`);
  if (step.fault) parts.push(`warning: ${step.fault}`);
  return `${head}${parts.length ? ` — ${parts.join('; ')}` : ''}. ${step.commentary}`.trim();
}
