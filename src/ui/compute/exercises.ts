import { EXERCISES, findExercise } from '../../../graphs/index';
import { GraphError } from '../../core/errors';
import { notAnObject } from '../../core/load';
import { parseGraphSpec } from '../../core/schema';
import {
  type Compiled,
  compileExercise,
  deferredLesson,
  type Exercise,
  type ExerciseRun,
  exerciseFromSpec,
  type Lesson,
  mergeLessons,
  runExerciseQuick,
} from '../../engine/exercise';
import { objectiveNode } from '../../engine/run';
import type { Step } from '../../engine/trace';
import { inertLesson, inertText } from './inert';
import { graphModel, leafValues } from './model';
import type { DeferredLesson, ExerciseInfo, GraphSource, GraphStructure, RunRequest, RunResult } from './protocol';
import { sameData } from './sameData';

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
  if (lastSpec && sameData(lastSpec.spec, source.spec)) return lastSpec.exercise;
  const exercise = exerciseFromSpec(parseGraphSpec(source.spec));
  lastSpec = { spec: structuredClone(source.spec), exercise };
  return exercise;
}

/**
 * The last graph file resolved, and the last graph compiled: a new graph's structure call and
 * the run right after it (the same request, cloned twice into the worker) share one validation
 * and one compile. Both are pure functions of their inputs, and a hit needs equal data
 * (sameData: NaN, -0 and undefined told apart), so the cache can only skip work. It keeps its
 * own copies: on the main thread (the inline client) the caller's objects could change later.
 */
let lastSpec: { spec: object; exercise: Exercise } | null = null;
let lastCompiled: { exercise: Exercise; options: unknown; inputs: unknown; value: Compiled } | null = null;

export function compiledFor(exercise: Exercise, req: RunRequest): Compiled {
  const l = lastCompiled;
  if (l && l.exercise === exercise && sameData(l.options, req.options) && sameData(l.inputs, req.inputs)) return l.value;
  const value = compileExercise(exercise, { options: req.options, inputs: req.inputs });
  lastCompiled = { exercise, options: structuredClone(req.options), inputs: structuredClone(req.inputs), value };
  return value;
}

/** A lesson that throws on a user's edit must not take the trace down with it. */
function guarded(f: () => Lesson): Lesson {
  try {
    return f();
  } catch (e) {
    if (e instanceof GraphError) throw e;
    return { checks: [{ name: 'lesson', pass: false, got: e instanceof Error ? e.message : String(e) }], blocks: {} };
  }
}

/** The last run computed, kept for its deferred lesson (the UI asks for it right after). */
let last: { key: string; exercise: Exercise; run: ExerciseRun } | null = null;
const keyOf = (req: RunRequest): string =>
  JSON.stringify([req.source, req.options ?? null, req.inputs ?? null, req.objective ?? null, req.seed ?? null]);

/** A step whose commentary (graph text, via `commentary:`) needs no cleaning is passed on as is. */
function inertCommentary(s: Step): Step {
  const c = inertText(s.commentary);
  return c === s.commentary ? s : { ...s, commentary: c };
}

const NO_LESSON: Lesson = { checks: [], blocks: {} };

/** The request asks for its whole lesson after the trace, and may have it (a bundled exercise). */
const lessonLater = (req: RunRequest): boolean => req.lesson === 'later' && req.source.kind === 'exercise';

const runOf = (exercise: Exercise, req: RunRequest): ExerciseRun =>
  runExerciseQuick(
    { ...exercise, lesson: lessonLater(req) ? () => NO_LESSON : (ctx) => guarded(() => exercise.lesson(ctx)) },
    { options: req.options, inputs: req.inputs, objective: req.objective, seed: req.seed, compiled: compiledFor(exercise, req) },
  );

/**
 * Trace and the lesson's quick part for a request, as plain data for the UI: the first
 * delivery. `deferred` says whether computeDeferred has more (checks that re-run the graph);
 * with `lesson: 'later'` (an exercise) the quick part moves there too (`lessonLater`).
 */
export function computeRun(exercise: Exercise, req: RunRequest, backend: string): RunResult {
  const t0 = performance.now();
  const later = lessonLater(req);
  const r = runOf(exercise, req);
  const ms = performance.now() - t0;
  const more = later || exercise.deferred !== undefined;
  last = more ? { key: keyOf(req), exercise, run: r } : null;
  return {
    graph: graphModel(r.program, exercise),
    trace: { ...r.trace, steps: r.trace.steps.map(inertCommentary) },
    ...inertLesson(r),
    options: r.options,
    seed: r.seed,
    leafValues: leafValues(r.program),
    spec: r.program.spec,
    backend,
    ms,
    ...(more ? { deferred: true } : {}),
    ...(later ? { lessonLater: true } : {}),
  };
}

/** The graph a request would run, compiled but not run: no tensors, no backend (what the layout needs). */
export function computeStructure(exercise: Exercise, req: RunRequest): GraphStructure {
  const { program } = compiledFor(exercise, req);
  return { graph: graphModel(program, exercise), objectiveNode: objectiveNode(program, req.objective).node };
}

/**
 * The lesson's deferred part for a request: the second delivery (reuses the run just computed
 * for it). With `lesson: 'later'` (an exercise): the quick part, then the deferred one.
 */
export function computeDeferred(exercise: Exercise, req: RunRequest): DeferredLesson {
  const t0 = performance.now();
  const key = keyOf(req);
  const r = last && last.key === key && last.exercise === exercise ? last.run : runOf(exercise, req);
  const quick = lessonLater(req) ? guarded(() => exercise.lesson(r)) : NO_LESSON;
  const lesson = mergeLessons(
    quick,
    guarded(() => deferredLesson(exercise, r)),
  );
  return { ...inertLesson(lesson), ms: performance.now() - t0 };
}
