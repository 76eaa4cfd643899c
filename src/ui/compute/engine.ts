import * as tf from '@tensorflow/tfjs';
import { GraphError, type Problem, ShapeError } from '../../core/errors';
import { opSignatures } from '../../core/registry';
import { runExerciseQuick } from '../../engine/exercise';
import { type BackendName, currentBackend, fallBackToCpu, initBackend, liveTensors } from './backend';
import { catalogue, computeDeferred, computeRun, computeStructure, resolveExercise } from './exercises';
import { runGradcheck } from './gradcheck';
import type { ComputeCall, DeferredLesson, EngineMemory, GradcheckReport, Outcome, RunRequest, RunResult } from './protocol';

/**
 * The compute side: everything that touches tfjs. Loaded lazily (a dynamic import from the
 * worker, or from the main thread when workers are unavailable), so the shell paints first.
 */

// regex: tfjs's error text for a missing kernel, not graph data
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

/** Starts the backend now (the worker calls it on load); a run awaits the same promise. */
export const warmUp = (): Promise<BackendName> => initBackend();

export async function runRequest(req: RunRequest): Promise<RunResult> {
  const ex = resolveExercise(req.source);
  return withBackend(() => computeRun(ex, req, currentBackend()));
}

/** The deferred part of a run's lesson (the run just sent is reused when it is this request's). */
export async function lessonRequest(req: RunRequest): Promise<DeferredLesson> {
  const ex = resolveExercise(req.source);
  return withBackend(() => computeDeferred(ex, req));
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
    const r = runExerciseQuick(
      { ...ex, lesson: () => ({ checks: [], blocks: {} }) },
      {
        options: req.options,
        inputs: req.inputs,
        objective: req.objective,
        seed: req.seed,
      },
    );
    // The program carries the run's `checkpoint`: the check covers the backward the learner watches.
    return runGradcheck(r.program, { objective: r.trace.objective, seed: r.seed });
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
      case 'ops':
        return { ok: true, value: opSignatures() };
      case 'run':
        return { ok: true, value: await runRequest(call.request) };
      case 'structure':
        // Compiling needs no backend: this answers while the wasm backend is still starting.
        return { ok: true, value: computeStructure(resolveExercise(call.request.source), call.request) };
      case 'gradcheck':
        return { ok: true, value: await gradcheckRequest(call.request) };
      case 'lesson':
        return { ok: true, value: await lessonRequest(call.request) };
      case 'memory':
        return { ok: true, value: await memoryReport() };
    }
  } catch (e) {
    return { ok: false, problems: toProblems(e) };
  }
}

export { liveTensors };
