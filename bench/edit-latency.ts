// Edit latency: a learner edits one leaf value → the worker's first delivery (new trace and the
// lesson's quick part: src/ui/compute/exercises.ts computeRun), then its second (the deferred
// checks that re-run the graph: computeDeferred). p95 per graph over edits that rotate over
// every leaf of the graph, each edit a value not seen before (no cache can serve it from memory
// of the inputs). Each delivery is timed twice: wall clock, and CPU time of this process
// (process.cpuUsage; on a machine shared with other work the wall clock also counts the time
// spent waiting for a core — the load average is printed beside). A benchmark, not a test;
// `npm run -s bench -- --json` reports `edit_latency_ms: {graphId: p95}` (first delivery, wall)
// and the rest under `edit_latency`.
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { EXERCISES } from '../graphs/index';
import { sizeOf } from '../src/core/tensor';
import type { NestedNumber } from '../src/core/types';
import { computeDeferred, computeRun } from '../src/ui/compute/exercises';
import { SECTIONS } from './sections';

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};
const r1 = (x: number) => Number(x.toFixed(1));

/** Every number of a nested literal moved by a small, edit-specific amount (shape kept). */
const nudge = (v: NestedNumber, d: number): NestedNumber => (Array.isArray(v) ? v.map((x) => nudge(x, d)) : v * (1 + d) + d);

/** p95 and median of one delivery, wall clock and CPU time, in ms. */
export interface Latency {
  p95: number;
  median: number;
  cpuP95: number;
  cpuMedian: number;
}

export interface EditLatency {
  backend: string;
  reps: number;
  /** 1-minute load average of the machine at the start and the end of the measurement. */
  loadavg: [number, number];
  /** graph id → p95 in ms of the first delivery (trace + quick lesson), wall clock. */
  p95: Record<string, number>;
  /** graph id → the first delivery in full. */
  first: Record<string, Latency>;
  /** graph id → the second delivery (deferred checks), for graphs that have one. */
  checks: Record<string, Latency>;
}

function latency(wall: number[], cpu: number[]): Latency {
  return {
    p95: r1(percentile(wall, 95)),
    median: r1(percentile(wall, 50)),
    cpuP95: r1(percentile(cpu, 95)),
    cpuMedian: r1(percentile(cpu, 50)),
  };
}

function timed<T>(f: () => T, wall: number[], cpu: number[]): T {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = f();
  wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  return out;
}

/** Runs on the worker's backend (wasm) when it loads in this process, else on the current one; restores it after. */
export async function editLatency(reps = 40, prefer: 'wasm' | 'cpu' = 'wasm'): Promise<EditLatency> {
  const before = tf.getBackend();
  if (prefer === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm');
    await tf.setBackend('wasm').catch(() => false);
  }
  const backend = tf.getBackend();
  const load0 = loadavg()[0] as number;
  const out: EditLatency = { backend, reps, loadavg: [r1(load0), 0], p95: {}, first: {}, checks: {} };
  for (const ex of EXERCISES) {
    const source = { kind: 'exercise', id: ex.id } as const;
    const first = computeRun(ex, { source }, backend);
    const leaves = Object.entries(first.leafValues).filter(([id]) => sizeOf(first.trace.shapes.get(id) ?? []) > 0);
    for (let i = 0; i < 3; i++) {
      computeRun(ex, { source }, backend);
      if (ex.deferred) computeDeferred(ex, { source });
    }
    const t: [number[], number[], number[], number[]] = [[], [], [], []];
    for (let i = 0; i < reps; i++) {
      const [id, value] = leaves[i % leaves.length] as [string, NestedNumber];
      const req = { source, inputs: { [id]: nudge(value, 1e-3 * (i + 1)) } };
      timed(() => computeRun(ex, req, backend), t[0], t[1]);
      if (ex.deferred) timed(() => computeDeferred(ex, req), t[2], t[3]);
    }
    const f = latency(t[0], t[1]);
    out.first[ex.id] = f;
    out.p95[ex.id] = f.p95;
    if (ex.deferred) out.checks[ex.id] = latency(t[2], t[3]);
  }
  out.loadavg[1] = r1(loadavg()[0] as number);
  if (tf.getBackend() !== before) await tf.setBackend(before);
  return out;
}

// One measurement for both keys of the engine bench.
let measured: Promise<EditLatency> | null = null;
const measure = (reps: number) => {
  measured ??= editLatency(reps);
  return measured;
};
SECTIONS.push(
  { key: 'edit_latency_ms', run: async ({ reps }) => (await measure(reps)).p95 },
  { key: 'edit_latency', run: async ({ reps }) => measure(reps) },
);

// `tsx bench/edit-latency.ts [--json] [--reps N] [--cpu]`: this measurement on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  tf.enableProdMode();
  await tf.setBackend('cpu');
  const args = process.argv.slice(2);
  const reps = Number(args[args.indexOf('--reps') + 1]) || 40;
  const r = await editLatency(reps, args.includes('--cpu') ? 'cpu' : 'wasm');
  if (args.includes('--json')) console.log(JSON.stringify({ edit_latency_ms: r.p95, edit_latency: r }));
  else {
    console.log(`backend ${r.backend}, ${reps} edits per graph, load average ${r.loadavg[0]} → ${r.loadavg[1]} (2 cores here)`);
    for (const [id, f] of Object.entries(r.first)) {
      const c = r.checks[id];
      console.log(
        `${id.padEnd(28)} first delivery p95 ${f.p95} ms (cpu ${f.cpuP95})  median ${f.median} (cpu ${f.cpuMedian})` +
          (c ? `   checks p95 ${c.p95} ms (cpu ${c.cpuP95})` : '   no deferred checks'),
      );
    }
  }
}
