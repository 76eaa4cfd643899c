import { type ComputeClient, createComputeClient } from '../ui/compute/client';

let shared: ComputeClient | null = null;
const real = (): ComputeClient => {
  shared ??= createComputeClient();
  return shared;
};

/**
 * Starts the page's compute worker now: an embed calls it when it mounts, so the engine and
 * tfjs's backend load while it resolves its graph and renders, not after (never on a server:
 * effects do not run there).
 */
export function warmCompute(): void {
  real();
}

/**
 * The page's one compute client, shared by every embedded explorer: one Web Worker (and one copy
 * of tfjs), started by the first request, not by the import or the first render (so a page
 * rendered on a server never loads the engine). Runs are independent requests: explorers share
 * the engine, never state (each has its own store).
 * A worker script must come from the page's origin: when this script was loaded from another
 * origin the client falls back to the page's main thread (engine chunks and wasm still load from
 * next to this script, which needs CORS — as any cross-origin module script does).
 */
export function pageCompute(): ComputeClient {
  return {
    get where() {
      return real().where;
    },
    catalogue: () => real().catalogue(),
    ops: () => real().ops?.() ?? Promise.resolve({ ok: false, problems: [{ field: 'engine', message: 'no op list' }] }),
    run: (request) => real().run(request),
    gradcheck: (request) => real().gradcheck(request),
    memory: () => real().memory?.() ?? Promise.resolve({ ok: false, problems: [{ field: 'engine', message: 'no memory report' }] }),
    // Shared by the page: one explorer going away does not stop the others' engine.
    dispose: () => {},
  };
}
