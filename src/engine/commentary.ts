import type { Names } from '../core/commentary';
import type { CompiledNode, Program } from '../core/compile';
import type { Step, Trace } from './trace';

/** One symbol (letters, digits, sub/superscripts, accents, primes): used bare; anything else is parenthesised. */
const SYMBOL = /^[\p{L}\p{N}\p{M}_′]+$/u;

/**
 * The step bar's lines in the graph's own names. A node is called by its label's name part:
 * `g = e³ᵗ` → `g`, `δ (upstream gradient)` → `δ`, `h₁ + h₂` → `(h₁ + h₂)`; the id when it has no label.
 */
export function nameOf(n: Pick<CompiledNode, 'id' | 'spec'> | undefined, fallback = '?'): string {
  const label = n?.spec.label?.trim() || n?.id || fallback;
  const eq = label.indexOf(' = ');
  const lhs = eq > 0 ? label.slice(0, eq) : label;
  const paren = lhs.indexOf(' (');
  const name = (paren > 0 ? lhs.slice(0, paren) : lhs).trim();
  return SYMBOL.test(name) ? name : `(${name})`;
}

/** What the objective is called in the lines: its own name when that is one symbol (J), else L. */
export function objectiveSymbol(program: Program | undefined, objectiveNode: string | undefined): string {
  const name = objectiveNode ? nameOf(program?.nodes.get(objectiveNode), 'L') : 'L';
  return SYMBOL.test(name) ? name : 'L';
}

/** The names an op's commentary template reads: this node, its inputs by slot, the gradient it receives, its attrs. */
export function namesFor(program: Program | undefined, n: CompiledNode, objectiveNode?: string): Names {
  const input = (id: string) => (program ? nameOf(program.nodes.get(id), id) : id);
  const y = program ? nameOf(n) : n.id;
  const dy = n.id === objectiveNode ? '1' : `∂${objectiveSymbol(program, objectiveNode)}/∂${y}`;
  return { y, x: n.inputs.map(input), dy, attrs: n.attrs };
}

/** A forward or backward line: the exercise's own text for this node, else its op's rule in the graph's names. */
export function nodeLine(program: Program | undefined, n: CompiledNode, phase: 'forward' | 'backward', objectiveNode?: string): string {
  const own = n.spec.commentary?.[phase];
  if (own !== undefined) return own;
  return n.op ? n.op.commentary[phase](namesFor(program, n, objectiveNode)) : '';
}

/** Why a value leaves memory (checkpointing): a free step's line, in the node's name. */
export const FREE_LINES = {
  dropped: (name: string) => `free ${name}: not a checkpoint, dropped until backward needs it`,
  rebuilt: (name: string) => `free ${name} again: only needed to rebuild its consumers`,
  segmentDone: (name: string) => `free ${name} again: its segment is done`,
} as const;

/** A recompute step's line, in the node's name. */
export const recomputeLine = (name: string): string =>
  `recompute ${name} from the last checkpoint: it was freed after the forward pass and backward needs it again`;

function seedLine(program: Program, trace: Trace, n: CompiledNode): string {
  const L = objectiveSymbol(program, trace.objectiveNode);
  const name = nameOf(n);
  return name === L ? `∂${L}/∂${L} = 1` : `∂L/∂L = 1 with L = ${name}`;
}

function line(program: Program, trace: Trace, s: Step): string {
  const n = program.nodes.get(s.node);
  if (!n) return s.commentary;
  switch (s.phase) {
    case 'forward':
    case 'backward':
      return nodeLine(program, n, s.phase, trace.objectiveNode);
    case 'seed':
      return `seed: ${seedLine(program, trace, n)} — backward starts at the objective and applies the chain rule node by node in reverse`;
    default:
      return s.commentary;
  }
}

/**
 * The trace with every forward, backward and seed line in the graph's labels and the exercise's
 * own lines; free and recompute lines are written in the labels by the engine already.
 */
export function teach(program: Program, trace: Trace): Trace {
  return { ...trace, steps: trace.steps.map((s) => ({ ...s, commentary: line(program, trace, s) })) };
}
