import { norm, type Snapshot } from '../../core/tensor';
import { edgeId, type Phase, type Step, type Trace } from '../../engine/trace';

/**
 * The per-cursor view of a trace, precomputed once per trace so moving the cursor is a
 * binary search per element. cursor 0 = nothing done; cursor k = steps[0..k-1] done.
 * Views are immutable and shared between cursors where nothing changed, so memoised
 * components re-render only when their own node or edge changes.
 */

export type ValueState = 'given' | 'pending' | 'computed' | 'freed' | 'recomputed';
export type GradState = 'none' | 'partial' | 'complete';

export interface NodeView {
  /** The value visible now: null before the forward pass reaches the node, or once freed. */
  value: Snapshot | null;
  valueState: ValueState;
  /** ∂objective/∂node accumulated so far (fan-out sums arrive one consumer at a time). */
  grad: Snapshot | null;
  gradState: GradState;
  /** Set once a step at this node produced NaN or Inf. */
  fault: string | null;
}

export type EdgePhase = 'idle' | 'forward' | 'backward';

export interface EdgeView {
  /** idle: nothing moved yet; forward: the value went along; backward: a gradient came back. */
  phase: EdgePhase;
  /** Norm of the value carried forward (the source's value). */
  valueNorm: number | null;
  /** This edge's contribution ∂objective/∂source (after broadcast reduction). */
  grad: Snapshot | null;
  gradNorm: number | null;
  /** Sign of a scalar gradient; null for tensors. */
  gradSign: -1 | 0 | 1 | null;
}

export type SegmentKind = 'forward' | 'backward' | 'memory';

/** A run of consecutive steps of one kind, for the scrubber: steps [from, to). */
export interface Segment {
  kind: SegmentKind;
  from: number;
  to: number;
}

export interface Active {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export interface TimelineGraph {
  nodes: readonly { id: string; inputs: readonly string[] }[];
}

export interface Timeline {
  readonly length: number;
  readonly steps: readonly Step[];
  nodeAt(id: string, cursor: number, hideCurrent?: boolean): NodeView;
  edgeAt(id: string, cursor: number, hideCurrent?: boolean): EdgeView;
  /** The step just done at this cursor, or null at 0. */
  stepAt(cursor: number): Step | null;
  /** What the step just done touched (it animates). */
  activeAt(cursor: number): Active;
  /** The step at cursor is a backward step whose sent gradients predict mode may hide. */
  isPredictable(cursor: number): boolean;
  segments: readonly Segment[];
  /** Largest gradient norm anywhere in the trace (the edge scale's top). */
  maxGradNorm: number;
  /** Index of the seed/backward step of each node that has one. */
  backwardStepOf: ReadonlyMap<string, number>;
  forwardStepOf: ReadonlyMap<string, number>;
}

export const segmentKind = (p: Phase): SegmentKind =>
  p === 'forward' ? 'forward' : p === 'seed' || p === 'backward' ? 'backward' : 'memory';

const EMPTY: Active = { nodes: new Set(), edges: new Set() };
const IDLE_EDGE: EdgeView = { phase: 'idle', valueNorm: null, grad: null, gradNorm: null, gradSign: null };

/** States of one element over cursors: `views[i]` holds from cursor `at[i]` on. */
class History<V> {
  readonly at: number[] = [0];
  readonly views: V[];
  constructor(first: V) {
    this.views = [first];
  }
  get last(): V {
    return this.views[this.views.length - 1] as V;
  }
  set(cursor: number, v: V): void {
    if (this.at[this.at.length - 1] === cursor) this.views[this.views.length - 1] = v;
    else {
      this.at.push(cursor);
      this.views.push(v);
    }
  }
  get(cursor: number): V {
    const at = this.at;
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((at[mid] as number) <= cursor) lo = mid;
      else hi = mid - 1;
    }
    return this.views[lo] as V;
  }
}

const signOf = (s: Snapshot): -1 | 0 | 1 | null => (s.data.length === 1 ? (Math.sign(s.data[0] as number) as -1 | 0 | 1) : null);

export function buildTimeline(trace: Trace, graph: TimelineGraph): Timeline {
  const steps = trace.steps;
  const nodes = new Map<string, History<NodeView>>();
  const edges = new Map<string, History<EdgeView>>();
  const expected = new Map<string, number>();
  const received = new Map<string, number>();
  const lastValue = new Map<string, Snapshot>();

  for (const n of graph.nodes) {
    const given = n.inputs.length === 0 ? trace.values.get(n.id) : undefined;
    if (given) lastValue.set(n.id, given);
    nodes.set(
      n.id,
      new History<NodeView>({
        value: given ?? null,
        valueState: given ? 'given' : 'pending',
        grad: null,
        gradState: 'none',
        fault: null,
      }),
    );
    n.inputs.forEach((src, slot) => {
      edges.set(edgeId(src, n.id, slot), new History(IDLE_EDGE));
    });
  }
  for (const s of steps) for (const g of s.sent ?? []) expected.set(g.to, (expected.get(g.to) ?? 0) + 1);

  const node = (id: string) => {
    let h = nodes.get(id);
    if (!h) {
      h = new History<NodeView>({ value: null, valueState: 'pending', grad: null, gradState: 'none', fault: null });
      nodes.set(id, h);
    }
    return h;
  };
  const edge = (id: string) => {
    let h = edges.get(id);
    if (!h) {
      h = new History(IDLE_EDGE);
      edges.set(id, h);
    }
    return h;
  };
  const srcOf = (e: string) => e.slice(0, e.indexOf('->'));

  const actives: Active[] = [];
  const backwardStepOf = new Map<string, number>();
  const forwardStepOf = new Map<string, number>();
  let maxGradNorm = 0;

  for (const s of steps) {
    const c = s.index + 1;
    const h = node(s.node);
    const fault = s.fault ?? h.last.fault;
    const touched = new Set([s.node]);
    switch (s.phase) {
      case 'forward':
      case 'recompute': {
        if (s.phase === 'forward') forwardStepOf.set(s.node, s.index);
        if (s.value) lastValue.set(s.node, s.value);
        h.set(c, { ...h.last, value: s.value ?? null, valueState: s.phase === 'forward' ? 'computed' : 'recomputed', fault });
        if (s.phase === 'forward') {
          for (const e of s.edges) {
            const v = lastValue.get(srcOf(e));
            edge(e).set(c, { ...IDLE_EDGE, phase: 'forward', valueNorm: v ? norm(v.data) : null });
          }
        }
        break;
      }
      case 'free':
        h.set(c, { ...h.last, value: null, valueState: 'freed' });
        break;
      case 'seed':
      case 'backward': {
        backwardStepOf.set(s.node, s.index);
        if (s.grad) maxGradNorm = Math.max(maxGradNorm, norm(s.grad.data));
        h.set(c, { ...h.last, grad: s.grad ?? h.last.grad, gradState: 'complete', fault });
        for (const g of s.sent ?? []) {
          touched.add(g.to);
          const n = (received.get(g.to) ?? 0) + 1;
          received.set(g.to, n);
          const th = node(g.to);
          const complete = n >= (expected.get(g.to) ?? 0) || th.last.gradState === 'complete';
          th.set(c, { ...th.last, grad: g.total, gradState: complete ? 'complete' : 'partial' });
          const gn = norm(g.grad.data);
          if (Number.isFinite(gn)) maxGradNorm = Math.max(maxGradNorm, gn);
          const eh = edge(g.edge);
          eh.set(c, { ...eh.last, phase: 'backward', grad: g.grad, gradNorm: gn, gradSign: signOf(g.grad) });
        }
        break;
      }
    }
    actives.push({ nodes: touched, edges: new Set(s.edges) });
  }

  const clamp = (cursor: number) => Math.max(0, Math.min(steps.length, Math.floor(cursor)));
  const hides = (cursor: number) => steps[cursor - 1]?.phase === 'backward';

  const segments: Segment[] = [];
  for (const s of steps) {
    const kind = segmentKind(s.phase);
    const last = segments[segments.length - 1];
    if (last && last.kind === kind) last.to = s.index + 1;
    else segments.push({ kind, from: s.index, to: s.index + 1 });
  }

  return {
    length: steps.length,
    steps,
    nodeAt(id, cursor, hideCurrent = false) {
      const h = node(id);
      const c = clamp(cursor);
      if (hideCurrent && hides(c) && id !== steps[c - 1]?.node && actives[c - 1]?.nodes.has(id)) return h.get(c - 1);
      return h.get(c);
    },
    edgeAt(id, cursor, hideCurrent = false) {
      const h = edge(id);
      const c = clamp(cursor);
      if (hideCurrent && hides(c) && actives[c - 1]?.edges.has(id)) return h.get(c - 1);
      return h.get(c);
    },
    stepAt: (cursor) => steps[clamp(cursor) - 1] ?? null,
    activeAt: (cursor) => actives[clamp(cursor) - 1] ?? EMPTY,
    isPredictable: (cursor) => hides(clamp(cursor)) && (steps[clamp(cursor) - 1]?.sent?.length ?? 0) > 0,
    segments,
    maxGradNorm,
    backwardStepOf,
    forwardStepOf,
  };
}
