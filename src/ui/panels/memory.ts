import type { Step } from '../../engine/trace';
import type { LayerOf } from './layers';

export interface LiveActivations {
  /** counts[k] = layer activations held after steps[0..k−1]; counts[0] = 0, length steps + 1. */
  counts: number[];
  peak: number;
  /** First k where the peak is reached. */
  peakAt: number;
}

/**
 * Live layer activations over the trace (bookkeeping, no maths): a forward or recompute step of
 * a layer node adds one, a free step removes one. Mirrors the engine's own count behind
 * `trace.stats.peakLiveActivations`, which counts computed nodes tagged with a layer.
 */
export function liveActivations(steps: readonly Step[], layerOf: LayerOf): LiveActivations {
  const counts = [0];
  let live = 0;
  let peak = 0;
  let peakAt = 0;
  for (const s of steps) {
    if (layerOf(s.node) !== undefined) {
      if (s.phase === 'forward' || s.phase === 'recompute') live++;
      else if (s.phase === 'free') live--;
    }
    counts.push(live);
    if (live > peak) {
      peak = live;
      peakAt = counts.length - 1;
    }
  }
  return { counts, peak, peakAt };
}
