import type { Snapshot } from '../../core/tensor';
import { scalePartner } from '../trace/sharedScale';
import type { Timeline } from '../trace/timeline';

/** One heatmap scale for the whole trace: the largest |entry| among its values and among its gradients. */
export interface TraceScale {
  value: number;
  grad: number;
}

const maxAbs = (s: Snapshot | undefined, m: number): number => {
  if (!s) return m;
  for (const x of s.data) {
    const a = Math.abs(x);
    if (Number.isFinite(a) && a > m) m = a;
  }
  return m;
};

const scales = new WeakMap<Timeline, TraceScale>();
const paired = new WeakMap<Timeline, { with: Timeline; scale: TraceScale }>();

/** The trace's scale, or in compare mode the pair's (trace/sharedScale.ts): the larger of both. */
export function traceScaleOf(t: Timeline): TraceScale {
  const p = scalePartner(t);
  if (!p) return ownScaleOf(t);
  const known = paired.get(t);
  if (known?.with === p) return known.scale;
  const [x, y] = [ownScaleOf(t), ownScaleOf(p)];
  const scale = { value: Math.max(x.value, y.value), grad: Math.max(x.grad, y.grad) };
  paired.set(t, { with: p, scale });
  return scale;
}

/** Computed once per trace (its snapshots never change). */
function ownScaleOf(t: Timeline): TraceScale {
  let s = scales.get(t);
  if (!s) {
    let value = 0;
    let grad = 0;
    for (const step of t.steps) {
      value = maxAbs(step.value, value);
      grad = maxAbs(step.grad, grad);
      for (const g of step.sent ?? []) grad = maxAbs(g.grad, grad);
    }
    s = { value, grad };
    scales.set(t, s);
  }
  return s;
}
