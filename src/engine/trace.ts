import type { Snapshot } from '../core/tensor';
import type { Shape } from '../core/types';

export type Phase = 'forward' | 'seed' | 'backward' | 'free' | 'recompute';

/** Id of the edge from `src` into input slot `slot` of `dst` (the canvas uses the same ids). */
export const edgeId = (src: string, dst: string, slot: number): string => `${src}->${dst}#${slot}`;

/** What one backward step sends down one input edge. */
export interface SentGrad {
  slot: number;
  /** Input node receiving the gradient. */
  to: string;
  edge: string;
  /** This VJP's contribution ∂objective/∂input via this edge (after broadcast reduction). */
  grad: Snapshot;
  /** The input's accumulated gradient after adding `grad` (fan-out sums here). */
  total: Snapshot;
}

export interface Step {
  index: number;
  phase: Phase;
  node: string;
  op: string;
  /** forward / recompute: the value the node produced. */
  value?: Snapshot;
  /** forward / recompute of a stochastic op that declares `drawn`: what it drew (dropout's keep-mask, 1 kept, 0 dropped), shaped like the value. */
  drawn?: Snapshot;
  /** seed / backward: ∂objective/∂(this node's output), complete when its step comes. */
  grad?: Snapshot;
  /** backward: the gradient sent to each input that needs one. */
  sent?: SentGrad[];
  /** Edges this step moved data along (forward: its inputs; backward: the edges it sent on). */
  edges: string[];
  /** One line: what the chain rule does at this node. */
  commentary: string;
  /** Set when this step produced NaN or ±Inf. */
  fault?: string;
  /**
   * Memory after this step: computed values the engine holds because a later step reads them
   * (a forward consumer, a recomputation, or a VJP per its op's `saves`). Leaves are not counted.
   * The memory panel reads this; stats.peakLiveActivations is its maximum. Always set by the
   * engine (optional only so hand-built UI fixtures may omit it).
   */
  live?: number;
}

export interface Fault {
  step: number;
  node: string;
  message: string;
}

export interface TraceStats {
  /** Most computed values held at once for a later step (Step.live's maximum; checkpointing lowers it). */
  peakLiveActivations: number;
  /** Op evaluations, recomputations included. */
  forwardEvaluations: number;
}

/** Everything a UI needs to scrub a run back and forth without touching tfjs. */
export interface Trace {
  objective: string;
  objectiveNode: string;
  seed: number;
  /** The memory policy the run used: 0 = keep what backward reads, k = checkpoint every k-th layer. */
  checkpointEvery: number;
  steps: Step[];
  /** Final forward value of every node (leaves included). */
  values: Map<string, Snapshot>;
  /** Final ∂objective/∂node for every node that has a gradient. */
  grads: Map<string, Snapshot>;
  shapes: Map<string, Shape>;
  stats: TraceStats;
  /** Where NaN/Inf first appeared, in step order. */
  faults: Fault[];
}
