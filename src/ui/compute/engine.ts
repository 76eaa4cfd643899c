import * as tf from '@tensorflow/tfjs';
import { EXERCISES, findExercise } from '../../../graphs/index';
import { GraphError, type Problem, ShapeError } from '../../core/errors';
import { parseGraphSpec } from '../../core/schema';
import { type Exercise, exerciseFromSpec, type Lesson, runExercise } from '../../engine/exercise';
import type { Step } from '../../engine/trace';
import { notAnObject } from '../load/text';
import { type BackendName, currentBackend, fallBackToCpu, initBackend, liveTensors } from './backend';
import { runGradcheck } from './gradcheck';
import { inertLesson, inertText } from './inert';
import { graphModel, leafValues } from './model';
import type { ComputeCall, EngineMemory, ExerciseInfo, GradcheckReport, GraphSource, Outcome, RunRequest, RunResult } from './protocol';

/**
 * The compute side: everything that touches tfjs. Loaded lazily (a dynamic import from the
 * worker, or from the main thread when workers are unavailable), so the shell paints first.
 */

export function catalogue(): ExerciseInfo[] {
  return EXERCISES.map((e) => ({ id: e.id, title: e.title, text: e.text, options: e.options, notes: e.notes }));
}

function resolveExercise(source: GraphSource): Exercise {
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

const isMissingKernel = (e: unknown): boolean => e instanceof Error && /kernel|not (yet )?(registered|implemented)/i.test(e.message);

/** Runs `fn`; on a kernel the wasm backend lacks, switches to cpu once and retries. */
async function withBackend<T>(fn: (backend: BackendName) => T): Promise<T> {
  const backend = await initBackend();
  try {
    return fn(backend);
  } catch (e) {
    if (backend !== 'wasm' || !isMissingKernel(e)) throw e;
    return fn(await fallBackToCpu());
  }
}

export async function runRequest(req: RunRequest): Promise<RunResult> {
  const ex = guardLesson(resolveExercise(req.source));
  return withBackend(() => {
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
      backend: currentBackend(),
      ms,
    };
  });
}

/** A step whose commentary (graph text, via `commentary:`) needs no cleaning is passed on as is. */
function inertCommentary(s: Step): Step {
  const c = inertText(s.commentary);
  return c === s.commentary ? s : { ...s, commentary: c };
}

/** Live tensors once the backend is up (asking tf.memory() earlier would start a default backend). */
export async function memoryReport(): Promise<EngineMemory> {
  await initBackend();
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes, backend: currentBackend() };
}

export async function gradcheckRequest(req: RunRequest): Promise<GradcheckReport> {
  const ex = resolveExercise(req.source);
  return withBackend(() => {
    const r = runExercise(
      { ...ex, lesson: () => ({ checks: [], blocks: {} }) },
      {
        options: req.options,
        inputs: req.inputs,
        objective: req.objective,
        seed: req.seed,
      },
    );
    return runGradcheck(r.program, { objective: r.trace.objective, seed: r.seed, options: r.options });
  });
}

/** GraphError → its located problems; anything else → one problem naming the engine. */
export function toProblems(e: unknown): Problem[] {
  if (e instanceof GraphError) return e.problems;
  if (e instanceof ShapeError) return [{ field: e.field, message: e.message }];
  return [{ field: 'engine', message: e instanceof Error ? e.message : String(e) }];
}

export async function handle(call: ComputeCall): Promise<Outcome<unknown>> {
  try {
    switch (call.kind) {
      case 'catalogue':
        return { ok: true, value: catalogue() };
      case 'run':
        return { ok: true, value: await runRequest(call.request) };
      case 'gradcheck':
        return { ok: true, value: await gradcheckRequest(call.request) };
      case 'memory':
        return { ok: true, value: await memoryReport() };
    }
  } catch (e) {
    return { ok: false, problems: toProblems(e) };
  }
}

export { liveTensors };
