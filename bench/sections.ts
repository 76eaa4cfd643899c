/**
 * Extra sections of `npm run -s bench -- --json`, each printed under its key beside the engine
 * figures. A section is measured after the engine's own, on the backend the bench set last
 * (wasm); it gets the rep count and returns any JSON value. Add one by pushing to SECTIONS from
 * its own module and importing that module below, e.g. `edit_latency_ms: {graphId: p95}`.
 */
export interface BenchSection {
  key: string;
  run(o: { reps: number }): Promise<unknown> | unknown;
}

export const SECTIONS: BenchSection[] = [];
