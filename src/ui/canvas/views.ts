import type { ExplorerState } from '../store';
import { selectHidden, selectTimeline } from '../store/selectors';
import { type GradEncoder, gradEncoder } from '../trace/encoding';
import { sharedMaxGradNorm } from '../trace/sharedScale';
import type { EdgeView, NodeView, Timeline } from '../trace/timeline';
import { type MergedEdgeView, type MergedMember, mergeEdgeViews } from './flow';

/** Selectors for one canvas element; each returns a value that is stable while it is unchanged. */

export const nodeViewOf =
  (id: string) =>
  (s: ExplorerState): NodeView | null =>
    selectTimeline(s)?.nodeAt(id, s.cursor, selectHidden(s)) ?? null;

/** Last merged view per merged edge: the same object while its members' views are the same. */
const mergedViews = new Map<string, MergedEdgeView>();

/** An edge's view; a merged edge's (`members`) combines its members' views (flow.ts). */
export const edgeViewOf =
  (id: string, members?: readonly MergedMember[]) =>
  (s: ExplorerState): EdgeView | null => {
    const t = selectTimeline(s);
    if (!t) return null;
    if (!members) return t.edgeAt(id, s.cursor, selectHidden(s));
    const parts = members.map((m) => t.edgeAt(m.id, s.cursor, selectHidden(s)));
    const last = mergedViews.get(id);
    if (last && last.parts.length === parts.length && last.parts.every((p, i) => p === parts[i])) return last;
    const v = mergeEdgeViews(parts);
    mergedViews.set(id, v);
    return v;
  };

const anyIn = (set: ReadonlySet<string> | undefined, id: string, members?: readonly MergedMember[]): boolean =>
  !!set && (members ? members.some((m) => set.has(m.id)) : set.has(id));

export const isActiveNode = (id: string) => (s: ExplorerState) => selectTimeline(s)?.activeAt(s.cursor).nodes.has(id) ?? false;
export const isActiveEdge = (id: string, members?: readonly MergedMember[]) => (s: ExplorerState) =>
  anyIn(selectTimeline(s)?.activeAt(s.cursor).edges, id, members);

/** Hidden by predict mode right now (the step just done sent a gradient here). */
export const isHiddenNode = (id: string) => (s: ExplorerState) =>
  selectHidden(s) &&
  (selectTimeline(s)
    ?.stepAt(s.cursor)
    ?.sent?.some((g) => g.to === id) ??
    false);
export const isHiddenEdge = (id: string, members?: readonly MergedMember[]) => (s: ExplorerState) =>
  selectHidden(s) && anyIn(selectTimeline(s)?.activeAt(s.cursor).edges, id, members);

const encoders = new WeakMap<Timeline, { top: number; e: GradEncoder }>();

/**
 * One gradient scale per trace: the log scale's top is the trace's largest gradient (the pair's,
 * in compare mode: trace/sharedScale.ts).
 */
export function encoderFor(t: Timeline | null): GradEncoder {
  if (!t) return gradEncoder(1);
  const top = sharedMaxGradNorm(t);
  let e = encoders.get(t);
  if (e?.top !== top) {
    e = { top, e: gradEncoder(top) };
    encoders.set(t, e);
  }
  return e.e;
}
