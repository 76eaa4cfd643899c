import type { OpSignature } from '../../core/op';
import type {
  ComputeCall,
  ComputeMessage,
  ComputeReply,
  DeferredLesson,
  EngineMemory,
  ExerciseInfo,
  GradcheckReport,
  GraphStructure,
  Outcome,
  RunRequest,
  RunResult,
} from './protocol';

/** The UI's only door to the engine. Every call is async; nothing here imports tfjs. */
export interface ComputeClient {
  /** `worker` or `main` (the thread the engine runs on). */
  readonly where: 'worker' | 'main';
  catalogue(): Promise<Outcome<ExerciseInfo[]>>;
  /** Every op's name and input slots (completion, the palette); optional: test fakes may have none. */
  ops?(): Promise<Outcome<OpSignature[]>>;
  run(request: RunRequest): Promise<Outcome<RunResult>>;
  /** The request's graph without running it (laid out while the run computes); optional: test fakes may have none. */
  structure?(request: RunRequest): Promise<Outcome<GraphStructure>>;
  gradcheck(request: RunRequest): Promise<Outcome<GradcheckReport>>;
  /** The deferred part of a run's lesson (RunResult.deferred); optional: test fakes may have none. */
  lesson?(request: RunRequest): Promise<Outcome<DeferredLesson>>;
  /** Live tensors on the compute side (optional: test fakes have no engine). */
  memory?(): Promise<Outcome<EngineMemory>>;
  dispose(): void;
}

type Handle = (call: ComputeCall) => Promise<Outcome<unknown>>;

function clientFrom(where: ComputeClient['where'], handle: Handle, dispose: () => void): ComputeClient {
  return {
    where,
    catalogue: () => handle({ kind: 'catalogue' }) as Promise<Outcome<ExerciseInfo[]>>,
    ops: () => handle({ kind: 'ops' }) as Promise<Outcome<OpSignature[]>>,
    run: (request) => handle({ kind: 'run', request }) as Promise<Outcome<RunResult>>,
    structure: (request) => handle({ kind: 'structure', request }) as Promise<Outcome<GraphStructure>>,
    gradcheck: (request) => handle({ kind: 'gradcheck', request }) as Promise<Outcome<GradcheckReport>>,
    lesson: (request) => handle({ kind: 'lesson', request }) as Promise<Outcome<DeferredLesson>>,
    memory: () => handle({ kind: 'memory' }) as Promise<Outcome<EngineMemory>>,
    dispose,
  };
}

/** Runs the engine on the main thread (tests, and browsers without module workers). */
export function createInlineClient(): ComputeClient {
  const engine = import('./engine');
  return clientFrom(
    'main',
    async (call) => (await engine).handle(call),
    () => {},
  );
}

/** Runs the engine in a module Web Worker so a long lesson never blocks a frame. */
export function createWorkerClient(): ComputeClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'gradflow-compute' });
  const pending = new Map<number, (o: Outcome<unknown>) => void>();
  let next = 1;
  worker.onmessage = (e: MessageEvent<ComputeReply>) => {
    pending.get(e.data.id)?.(e.data.outcome);
    pending.delete(e.data.id);
  };
  const failAll = (message: string) => {
    for (const resolve of pending.values()) resolve({ ok: false, problems: [{ field: WORKER_FAILED, message }] });
    pending.clear();
  };
  worker.onerror = (e) => failAll(`the compute worker failed: ${e.message || 'unknown error'}`);
  return clientFrom(
    'worker',
    (call) =>
      new Promise((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        try {
          worker.postMessage({ id, call } satisfies ComputeMessage);
        } catch (e) {
          // e.g. a value nested too deep to clone: a problem with the request, not with the worker
          pending.delete(id);
          resolve({
            ok: false,
            problems: [
              { field: '(graph)', message: `could not hand this to the compute worker: ${e instanceof Error ? e.message : String(e)}` },
            ],
          });
        }
      }),
    () => {
      failAll('the compute worker was stopped');
      worker.terminate();
    },
  );
}

/** Problem field of a call lost because the worker itself failed (not a problem in the graph). */
const WORKER_FAILED = 'compute worker';

/**
 * A worker when the browser has them, else the main thread. If the worker cannot start or
 * dies, this client moves to the main thread for good and retries the call.
 */
export function createComputeClient(prefer: 'worker' | 'main' = 'worker'): ComputeClient {
  if (prefer === 'main' || typeof Worker === 'undefined') return createInlineClient();
  let current: ComputeClient;
  try {
    current = createWorkerClient();
  } catch {
    return createInlineClient();
  }
  const call = async <T>(f: (c: ComputeClient) => Promise<Outcome<T>>): Promise<Outcome<T>> => {
    const used = current;
    const out = await f(used);
    if (out.ok || out.problems[0]?.field !== WORKER_FAILED) return out;
    if (current === used) {
      used.dispose();
      current = createInlineClient();
    }
    return f(current);
  };
  return {
    get where() {
      return current.where;
    },
    catalogue: () => call((c) => c.catalogue()),
    ops: () => call((c) => c.ops?.() ?? Promise.resolve({ ok: false, problems: [{ field: 'engine', message: 'no op list' }] })),
    run: (r) => call((c) => c.run(r)),
    structure: (r) =>
      call((c) => c.structure?.(r) ?? Promise.resolve({ ok: false, problems: [{ field: 'engine', message: 'no structure call' }] })),
    gradcheck: (r) => call((c) => c.gradcheck(r)),
    lesson: (r) =>
      call((c) => c.lesson?.(r) ?? Promise.resolve({ ok: false, problems: [{ field: 'engine', message: 'no deferred lesson' }] })),
    memory: () => call((c) => c.memory?.() ?? Promise.resolve({ ok: false, problems: [{ field: 'engine', message: 'no memory report' }] })),
    dispose: () => current.dispose(),
  };
}
