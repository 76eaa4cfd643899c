import type { ExplorerState } from '../store';
import { selectHidden, selectTimeline } from '../store/selectors';
import { type GradEncoder, gradEncoder } from '../trace/encoding';
import type { EdgeView, NodeView, Timeline } from '../trace/timeline';

/** Selectors for one canvas element; each returns a value that is stable while it is unchanged. */

export const nodeViewOf =
  (id: string) =>
  (s: ExplorerState): NodeView | null =>
    selectTimeline(s)?.nodeAt(id, s.cursor, selectHidden(s)) ?? null;

export const edgeViewOf =
  (id: string) =>
  (s: ExplorerState): EdgeView | null =>
    selectTimeline(s)?.edgeAt(id, s.cursor, selectHidden(s)) ?? null;

export const isActiveNode = (id: string) => (s: ExplorerState) => selectTimeline(s)?.activeAt(s.cursor).nodes.has(id) ?? false;
export const isActiveEdge = (id: string) => (s: ExplorerState) => selectTimeline(s)?.activeAt(s.cursor).edges.has(id) ?? false;

/** Hidden by predict mode right now (the step just done sent a gradient here). */
export const isHiddenNode = (id: string) => (s: ExplorerState) =>
  selectHidden(s) &&
  (selectTimeline(s)
    ?.stepAt(s.cursor)
    ?.sent?.some((g) => g.to === id) ??
    false);
export const isHiddenEdge = (id: string) => (s: ExplorerState) =>
  selectHidden(s) && (selectTimeline(s)?.activeAt(s.cursor).edges.has(id) ?? false);

const encoders = new WeakMap<Timeline, GradEncoder>();

/** One gradient scale per trace: the log scale's top is the trace's largest gradient. */
export function encoderFor(t: Timeline | null): GradEncoder {
  if (!t) return gradEncoder(1);
  let e = encoders.get(t);
  if (!e) {
    e = gradEncoder(t.maxGradNorm);
    encoders.set(t, e);
  }
  return e;
}
