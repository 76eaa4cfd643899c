import type { Snapshot } from '../../core/tensor';
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

/** Computed once per trace (its snapshots never change). */
export function traceScaleOf(t: Timeline): TraceScale {
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
