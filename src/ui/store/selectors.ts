import type { Step } from '../../engine/trace';
import type { RunResult } from '../compute/protocol';
import { buildTimeline, type Timeline } from '../trace/timeline';
import { guessTargets } from './predict';
import type { ExplorerState } from './types';

/**
 * Values derived from the state, never stored beside it: each is a function of what is
 * stored, memoised where it costs something (a timeline is built once per run).
 */

const timelines = new WeakMap<RunResult, Timeline>();

/** The run's per-cursor view (built on first use, then shared by every caller of the same run). */
export function timelineOf(run: RunResult): Timeline {
  let t = timelines.get(run);
  if (!t) {
    t = buildTimeline(run.trace, run.graph);
    timelines.set(run, t);
  }
  return t;
}

export const selectTimeline = (s: Pick<ExplorerState, 'run'>): Timeline | null => (s.run ? timelineOf(s.run) : null);

/** Steps in the trace on screen (0 before the first run). */
export const selectLength = (s: Pick<ExplorerState, 'run'>): number => s.run?.trace.steps.length ?? 0;

/** Id of the graph on screen (the exercise's id, or the user's graph id). */
export const selectGraphId = (s: Pick<ExplorerState, 'run'>): string | null => s.run?.graph.id ?? null;

/** A run is in flight (its result has not been committed or refused yet). */
export const selectBusy = (s: Pick<ExplorerState, 'requested'>): boolean => s.requested !== null;

/** The step just done at the cursor, or null at 0. */
export const selectStep = (s: Pick<ExplorerState, 'run' | 'cursor'>): Step | null => selectTimeline(s)?.stepAt(s.cursor) ?? null;

/** True when predict mode hides the gradients the step just done sent (no guess yet). */
export function selectHidden(s: Pick<ExplorerState, 'predict' | 'run' | 'cursor' | 'outcomes'>): boolean {
  if (!s.predict) return false;
  const step = selectStep(s);
  if (!step || guessTargets(step).length === 0) return false;
  return s.outcomes[step.index] === undefined;
}
