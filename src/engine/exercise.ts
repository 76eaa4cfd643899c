import { compile, opProblems, type Program, withValues } from '../core/compile';
import { GraphError } from '../core/errors';
import { resolveOptions } from '../core/options';
import { checkTracks, type TrackSpec } from '../core/track';
import type { GraphSpec, OptionSpec, OptionValue } from '../core/types';
import { resolveSwitches } from '../core/variants';
import type { LessonBlocks } from './blocks';
import { teach } from './commentary';
import { run } from './run';
import { evaluateCheck } from './specChecks';
import type { Trace } from './trace';

export type { Estimator, Fact, LessonBlocks, MemoryBlock, Series, SeriesLine, SeriesMethod, Table, Training } from './blocks';

/** One of the notebook's checks, as the graph computes it. */
export interface Check {
  name: string;
  pass: boolean;
  got?: unknown;
  expected?: unknown;
}

export interface LessonContext {
  program: Program;
  trace: Trace;
  options: Record<string, OptionValue>;
  seed: number;
}

/** What a lesson adds beyond the trace: checks and named blocks (jacobians, stats, series…). */
export interface Lesson {
  checks: Check[];
  blocks: LessonBlocks;
}

/** An exercise of the notebook as a graph: data plus the notebook's checks. */
export interface Exercise {
  id: string;
  title: string;
  /** The course theme it belongs to (the sidebar groups by it); graphs/index.ts assigns it. */
  theme?: string;
  /** The exercise text, short. */
  text: string;
  options: OptionSpec[];
  /** Where this graph and the notebook disagree, and why. */
  notes: string[];
  build(options: Readonly<Record<string, OptionValue>>): GraphSpec;
  /** The lesson's quick part: blocks and checks read off the trace (or cached per option set). */
  lesson(ctx: LessonContext): Lesson;
  /**
   * The lesson's costly part, if any: checks that re-run the graph on the learner's values
   * (finite differences, Jacobians by reverse passes, training loops, estimator statistics)
   * and the blocks they produce. The UI shows the trace with `lesson` first and these after
   * (a second message from the worker); everywhere else (runExercise, the CLI, the tests) the
   * two are one lesson: `lesson`'s checks then these, blocks merged (see mergeLessons).
   */
  deferred?(ctx: LessonContext): Lesson;
  /** Lecture tracks (src/core/track.ts); checked against the graph at each stop's options. */
  tracks?: TrackSpec[];
}

/** Tracks already checked against their exercise's graphs (bundled exercises: once per session). */
const checkedTracks = new WeakMap<readonly TrackSpec[], Exercise>();

/** Refuses a track naming a node, edge or option its graph does not have (GraphError, located). */
function checkExerciseTracks(ex: Exercise): void {
  const tracks = ex.tracks;
  if (!tracks?.length || checkedTracks.get(tracks) === ex) return;
  checkTracks(tracks, ex.options, (o) => ex.build(o));
  checkedTracks.set(tracks, ex);
}

export interface ExerciseRun extends LessonContext, Lesson {
  exercise: Exercise;
}

export interface ExerciseRunOptions {
  options?: Readonly<Record<string, unknown>>;
  /** Leaf values by node id (shapes may differ from the defaults). */
  inputs?: Readonly<Record<string, unknown>>;
  objective?: string;
  seed?: number;
  /** Checkpoint every k layers (0 = keep all), overriding the graph's `checkpoint`. */
  checkpoint?: number;
  /** compileExercise(ex, these options) already made (a caller that compiled it for another purpose). */
  compiled?: Compiled;
}

/** A compiled graph and the options it was built with. */
export interface Compiled {
  program: Program;
  options: Record<string, OptionValue>;
}

/** The compiled graph for the given options and inputs (validated; GraphError on bad input). */
export function compileExercise(ex: Exercise, o: ExerciseRunOptions = {}): Compiled {
  const options = resolveOptions(ex.options, o.options);
  const built = ex.build(options);
  checkExerciseTracks(ex);
  const checkpoint = o.checkpoint ?? built.checkpoint;
  const spec = {
    ...built,
    ...(ex.tracks?.length ? { tracks: ex.tracks } : {}),
    id: ex.id,
    title: ex.title,
    options: ex.options,
    notes: built.notes ?? ex.notes,
    ...(checkpoint !== undefined ? { checkpoint } : {}),
  };
  return { program: compile(o.inputs ? withValues(spec, o.inputs) : spec), options };
}

/** Builds the graph for the options, substitutes inputs, runs it and evaluates the lesson. */
export function runExercise(ex: Exercise, o: ExerciseRunOptions = {}): ExerciseRun {
  const quick = runExerciseQuick(ex, o);
  return ex.deferred ? { ...quick, ...mergeLessons(quick, deferredLesson(ex, quick)) } : quick;
}

/** As runExercise, with only the lesson's quick part (what the UI shows first). */
export function runExerciseQuick(ex: Exercise, o: ExerciseRunOptions = {}): ExerciseRun {
  const { program, options } = o.compiled ?? compileExercise(ex, o);
  const seed = o.seed ?? 0;
  // The memory policy is the graph's `checkpoint` run setting (an exercise's build may set it from an option).
  const trace = teach(program, run(program, { objective: o.objective, seed }));
  const ctx = { program, trace, options, seed };
  return { exercise: ex, ...ctx, ...ex.lesson(ctx) };
}

const NO_LESSON: Lesson = { checks: [], blocks: {} };

/** The lesson's deferred part for a run (empty when the exercise has none). */
export function deferredLesson(ex: Exercise, ctx: LessonContext): Lesson {
  return ex.deferred?.(ctx) ?? NO_LESSON;
}

/** One lesson from its quick and its deferred part: checks in that order, blocks merged. */
export function mergeLessons(quick: Lesson, later: Lesson): Lesson {
  return { checks: [...quick.checks, ...later.checks], blocks: { ...quick.blocks, ...later.blocks } };
}

/**
 * Wraps a plain GraphSpec (a user's file) as an exercise: build(options) resolves the nodes an
 * option switches (`by`) after checking every op it names, and the lesson's checks are the spec's declarative `checks`.
 */
export function exerciseFromSpec(spec: GraphSpec): Exercise {
  return {
    id: spec.id ?? 'custom',
    title: spec.title ?? spec.id ?? 'Custom graph',
    text: '',
    options: spec.options ?? [],
    notes: spec.notes ?? [],
    ...(spec.tracks ? { tracks: spec.tracks } : {}),
    build: (options) => {
      // Every case's op, not only the chosen one's: a misspelt op in another case is refused now.
      const bad = opProblems(spec);
      if (bad.length) throw new GraphError(bad);
      return resolveSwitches(spec, options);
    },
    lesson: ({ trace }) => ({ checks: (spec.checks ?? []).map((c) => evaluateCheck(c, trace)), blocks: {} }),
  };
}
