import type { Timeline } from './timeline';

/**
 * Traces drawn side by side (compare mode's two panes) share one colour scale: each is paired
 * with the other, and the encodings read the pair's largest gradient (and heatmap values), so an
 * equal ‖∇‖ gets an equal width and colour in both panes. Pure bookkeeping, no DOM.
 */
const partners = new WeakMap<Timeline, Timeline>();

/** Pairs `a` and `b` (replacing earlier partners); returns the unpairing. */
export function shareScale(a: Timeline, b: Timeline): () => void {
  partners.set(a, b);
  partners.set(b, a);
  return () => {
    if (partners.get(a) === b) partners.delete(a);
    if (partners.get(b) === a) partners.delete(b);
  };
}

/** The trace `t` shares its scale with, if any. */
export const scalePartner = (t: Timeline): Timeline | undefined => partners.get(t);

/** The largest gradient norm on `t`'s scale: its own, or its pair's when paired. */
export const sharedMaxGradNorm = (t: Timeline): number => Math.max(t.maxGradNorm, scalePartner(t)?.maxGradNorm ?? 0);
