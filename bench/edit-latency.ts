// Edit latency: a learner edits one leaf value → new trace and lesson, through the code path the
// worker runs (src/ui/compute/exercises.ts computeRun). p95 per graph over edits that rotate over
// every leaf of the graph, each edit a value not seen before (no cache can serve it from memory of
// the inputs). A benchmark, not a test; `npm run -s bench -- --json` reports it as edit_latency_ms.
import * as tf from '@tensorflow/tfjs';
import { EXERCISES } from '../graphs/index';
import { sizeOf } from '../src/core/tensor';
import type { NestedNumber } from '../src/core/types';
import { computeRun } from '../src/ui/compute/exercises';

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};

/** Every number of a nested literal moved by a small, edit-specific amount (shape kept). */
const nudge = (v: NestedNumber, d: number): NestedNumber => (Array.isArray(v) ? v.map((x) => nudge(x, d)) : v * (1 + d) + d);

export interface EditLatency {
  backend: string;
  reps: number;
  /** graph id → p95 in ms. */
  p95: Record<string, number>;
  /** graph id → median in ms. */
  median: Record<string, number>;
  /** graph id → median in ms of the same edits with no lesson (trace, graph model, leaf values): the floor. */
  traceOnlyMedian: Record<string, number>;
}

/** Runs on the worker's backend (wasm) when it loads in this process, else on the current one; restores it after. */
export async function editLatency(reps = 40, prefer: 'wasm' | 'cpu' = 'wasm'): Promise<EditLatency> {
  const before = tf.getBackend();
  if (prefer === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm');
    await tf.setBackend('wasm').catch(() => false);
  }
  const backend = tf.getBackend();
  const p95: Record<string, number> = {};
  const median: Record<string, number> = {};
  const traceOnlyMedian: Record<string, number> = {};
  for (const ex of EXERCISES) {
    const bare = { ...ex, lesson: () => ({ checks: [], blocks: {} }) };
    const source = { kind: 'exercise', id: ex.id } as const;
    const first = computeRun(ex, { source }, backend);
    const leaves = Object.entries(first.leafValues).filter(([id]) => sizeOf(first.trace.shapes.get(id) ?? []) > 0);
    for (let i = 0; i < 3; i++) computeRun(ex, { source }, backend);
    const times: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < reps; i++) {
      const [id, value] = leaves[i % leaves.length] as [string, NestedNumber];
      const inputs = { [id]: nudge(value, 1e-3 * (i + 1)) };
      let t0 = performance.now();
      computeRun(ex, { source, inputs }, backend);
      times.push(performance.now() - t0);
      t0 = performance.now();
      computeRun(bare, { source, inputs }, backend);
      floor.push(performance.now() - t0);
    }
    p95[ex.id] = Number(percentile(times, 95).toFixed(1));
    median[ex.id] = Number(percentile(times, 50).toFixed(1));
    traceOnlyMedian[ex.id] = Number(percentile(floor, 50).toFixed(1));
  }
  if (tf.getBackend() !== before) await tf.setBackend(before);
  return { backend, reps, p95, median, traceOnlyMedian };
}

// `tsx bench/edit-latency.ts [--json] [--reps N] [--cpu]`: this measurement on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  tf.enableProdMode();
  await tf.setBackend('cpu');
  const args = process.argv.slice(2);
  const reps = Number(args[args.indexOf('--reps') + 1]) || 40;
  const r = await editLatency(reps, args.includes('--cpu') ? 'cpu' : 'wasm');
  if (args.includes('--json')) console.log(JSON.stringify({ edit_latency_ms: r.p95, edit_latency: r }));
  else
    for (const [id, v] of Object.entries(r.p95))
      console.log(`${id.padEnd(28)} p95 ${v} ms  median ${r.median[id]} ms  trace only ${r.traceOnlyMedian[id]} ms  (${r.backend})`);
}
