import { GraphError } from '../src/core/errors';
import type { ComputeClient } from '../src/ui/compute/client';
import { catalogue, computeRun, resolveExercise } from '../src/ui/compute/exercises';

/** The engine on this thread (cpu backend), behind the UI's client interface: store tests in Node. */
export function engineClient(): ComputeClient {
  return {
    where: 'main' as const,
    catalogue: async () => ({ ok: true as const, value: catalogue() }),
    run: async (req: Parameters<ComputeClient['run']>[0]) => {
      try {
        return { ok: true as const, value: computeRun(resolveExercise(req.source), req, 'cpu') };
      } catch (e) {
        if (e instanceof GraphError) return { ok: false as const, problems: e.problems };
        throw e;
      }
    },
    gradcheck: async () => ({ ok: false as const, problems: [{ field: 'gradcheck', message: 'not in this test' }] }),
    dispose: () => {},
  };
}

/** Resolves once `ok()` holds, polling for up to 4 s; else fails naming `what`. */
export async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
}
