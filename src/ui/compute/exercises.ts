import { EXERCISES, findExercise } from '../../../graphs/index';
import { GraphError } from '../../core/errors';
import { notAnObject } from '../../core/load';
import { parseGraphSpec } from '../../core/schema';
import { type Exercise, exerciseFromSpec, type Lesson, runExercise } from '../../engine/exercise';
import type { Step } from '../../engine/trace';
import { inertLesson, inertText } from './inert';
import { graphModel, leafValues } from './model';
import type { ExerciseInfo, GraphSource, RunRequest, RunResult } from './protocol';

/**
 * One run as the worker computes it, on whatever tfjs backend is current: the code path behind
 * `runRequest` (engine.ts), and what bench/edit-latency.ts times. No backend set-up here.
 */

export function catalogue(): ExerciseInfo[] {
  return EXERCISES.map((e) => ({ id: e.id, title: e.title, theme: e.theme, text: e.text, options: e.options, notes: e.notes }));
}

export function resolveExercise(source: GraphSource): Exercise {
  if (source.kind === 'exercise') {
    const ex = findExercise(source.id);
    if (!ex) {
      throw new GraphError([{ field: 'graph', message: `no exercise "${source.id}" (known: ${EXERCISES.map((e) => e.id).join(', ')})` }]);
    }
    return ex;
  }
  if (typeof source.spec !== 'object' || source.spec === null || Array.isArray(source.spec))
    throw new GraphError([notAnObject(source.spec)]);
  return exerciseFromSpec(parseGraphSpec(source.spec));
}

/** A lesson that throws on a user's edit must not take the trace down with it. */
function guardLesson(ex: Exercise): Exercise {
  return {
    ...ex,
    lesson: (ctx): Lesson => {
      try {
        return ex.lesson(ctx);
      } catch (e) {
        if (e instanceof GraphError) throw e;
        return { checks: [{ name: 'lesson', pass: false, got: e instanceof Error ? e.message : String(e) }], blocks: {} };
      }
    },
  };
}

/** A step whose commentary (graph text, via `commentary:`) needs no cleaning is passed on as is. */
function inertCommentary(s: Step): Step {
  const c = inertText(s.commentary);
  return c === s.commentary ? s : { ...s, commentary: c };
}

/** Trace and lesson for a request, as plain data for the UI. */
export function computeRun(exercise: Exercise, req: RunRequest, backend: string): RunResult {
  const ex = guardLesson(exercise);
  const t0 = performance.now();
  const r = runExercise(ex, { options: req.options, inputs: req.inputs, objective: req.objective, seed: req.seed });
  const ms = performance.now() - t0;
  return {
    graph: graphModel(r.program, ex),
    trace: { ...r.trace, steps: r.trace.steps.map(inertCommentary) },
    ...inertLesson(r),
    options: r.options,
    seed: r.seed,
    leafValues: leafValues(r.program),
    spec: r.program.spec,
    backend,
    ms,
  };
}
