import type { Problem } from '../../../core/errors';
import type { Check, LessonBlocks } from '../../../engine/exercise';
import { afterDrawn, canvasDrawn } from '../../canvas/ready';
import type { GradcheckReport, RunResult } from '../../compute/protocol';
import type { Slice } from './deps';

/** How long the whole lesson waits for the canvas at most (a canvas that never draws: a failed layout). */
const LESSON_WAIT_MS = 3000;

export interface GradcheckState {
  status: 'idle' | 'running' | 'done' | 'error';
  report?: GradcheckReport;
  problems?: Problem[];
}

/**
 * The lesson of the run on screen. A run arrives with its quick checks and blocks; when it says
 * `deferred`, the checks that re-run the graph (finite differences, training, estimators)
 * follow in a second message: `checking` until then, `done` with the whole lesson after.
 */
export interface LessonState {
  status: 'idle' | 'checking' | 'done' | 'error';
  /** The run this lesson belongs to (a result for any other run is stale). */
  of: RunResult | null;
  /** The run's checks, then the deferred ones once they are in. */
  checks: Check[];
  /** The run's blocks, with the deferred ones once they are in. */
  blocks: LessonBlocks;
  problems?: Problem[];
}

/** Gradient checks and lesson checks of the run on screen (both reset whenever the run changes). */
export interface ChecksSlice {
  gradcheck: GradcheckState;
  checkGradients(): Promise<void>;
  lesson: LessonState;
  /** Called with every run committed: shows its quick lesson, then fetches the deferred part if any. */
  checkLesson(): Promise<void>;
}

const IDLE_LESSON: LessonState = { status: 'idle', of: null, checks: [], blocks: {} };

/** The checks to show for the run on screen: the lesson's when it belongs to that run, else the run's own. */
export const selectChecks = (s: { run: RunResult | null; lesson: LessonState }): Check[] | undefined =>
  s.lesson.of === s.run ? s.lesson.checks : s.run?.checks;

/** The blocks to show for the run on screen (see selectChecks). */
export const selectBlocks = (s: { run: RunResult | null; lesson: LessonState }): LessonBlocks | undefined =>
  s.lesson.of === s.run ? s.lesson.blocks : s.run?.blocks;

export const createChecksSlice: Slice<ChecksSlice> =
  ({ client, runner }) =>
  (set, get, api) => ({
    gradcheck: { status: 'idle' },
    lesson: IDLE_LESSON,

    async checkGradients() {
      const c = runner.current();
      if (!c) return;
      set({ gradcheck: { status: 'running' } });
      const runAt = get().run;
      const out = await client.gradcheck(runner.request(c));
      // a report of a run no longer on screen is not this run's
      if (get().run !== runAt) return;
      set({ gradcheck: out.ok ? { status: 'done', report: out.value } : { status: 'error', problems: out.problems } });
    },

    async checkLesson() {
      const run = get().run;
      const c = runner.current();
      if (!run || !c) return;
      const quick = { of: run, checks: run.checks, blocks: run.blocks };
      if (!run.deferred || !client.lesson) {
        set({ lesson: { status: 'done', ...quick } });
        return;
      }
      set({ lesson: { status: 'checking', ...quick } });
      // A run that came without its quick lesson (RunResult.lessonLater) gets all of it here.
      // It is asked for once the canvas shows the graph: computing it (ex01's charts re-run the
      // graph 160 times) would otherwise share this machine's cores with the layout and the mount.
      if (run.lessonLater && !canvasDrawn(api)) await afterDrawn(api, LESSON_WAIT_MS);
      if (get().run !== run) return;
      const out = await client.lesson(run.lessonLater ? { ...runner.request(c), lesson: 'later' } : runner.request(c));
      // checks of an older edit arriving after a newer run: not this run's, dropped
      if (get().run !== run) return;
      set({
        lesson: out.ok
          ? { status: 'done', of: run, checks: [...run.checks, ...out.value.checks], blocks: { ...run.blocks, ...out.value.blocks } }
          : { status: 'error', ...quick, problems: out.problems },
      });
    },
  });
