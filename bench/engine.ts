// The engine benchmark: `npm run -s bench [-- --json] [--reps N] [--backends cpu,wasm]`.
// Per exercise, at its own run settings (its `checkpoint` included), on each backend:
//   engine_vs_tfgrads  run (forward, backward, recorded trace) over tf.grads of the same function;
//   recorder_cost      run with the trace over the same run without it (execute, record off);
//   engine_vs_estimate for stochastic graphs (no tf.grads equivalent): run over the analytic
//                      estimator's own cost (estimate(), which evaluates the graph at z = 0 and 1).
// The two sides of a ratio alternate order every repetition (A B, B A, …) after a warm-up; each
// figure is the median of the process's CPU time per call, with the interquartile range as its
// spread (wall-clock ratios are printed beside: on a shared machine they include waiting for a core).
//
// The tf.grads baseline is the plain graph function with nothing freed, also for a checkpointed
// exercise (ex05 at k = 3): there the engine evaluates 37 ops (21 + the 16 freed values rebuilt,
// one extra forward of the freed layers) where tf.grads evaluates 21. That is the stricter
// baseline: the ratio charges the engine for the memory it saves. (The alternative, tf.grads on
// the same recompute schedule, would hide what checkpointing costs.)

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { EXERCISES } from '../graphs/index';
import type { Program } from '../src/core/compile';
import { estimate } from '../src/engine/estimate';
import { execute } from '../src/engine/execute';
import { compileExercise } from '../src/engine/exercise';
import { gradientLeaves, graphFunction } from '../src/engine/graphFunction';
import { objectiveNode, run } from '../src/engine/run';
import { SECTIONS } from './sections';
import './edit-latency'; // registers edit_latency_ms and edit_latency

const args = process.argv.slice(2);
const json = args.includes('--json');
const flagValue = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const reps = Number(flagValue('reps')) || 80;
const backends = (flagValue('backends') ?? 'cpu,wasm').split(',');
// `--graphs ex05,ex06` (id prefixes) and `--no-sections` narrow a run while profiling.
const only = flagValue('graphs')?.split(',');
const sections = !args.includes('--no-sections');

interface Spread {
  median: number;
  p25: number;
  p75: number;
}
const quantile = (s: number[], q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
const spread = (xs: number[]): Spread => {
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number) => Number(x.toFixed(4));
  return { median: r(quantile(s, 0.5)), p25: r(quantile(s, 0.25)), p75: r(quantile(s, 0.75)) };
};

interface Versus {
  /** CPU time of this process per call (ms): what the ratio is computed from. */
  a: Spread;
  b: Spread;
  ratio: number;
  /** The same calls' wall-clock medians and their ratio (includes time spent waiting for a core). */
  wall: { a: number; b: number; ratio: number };
}

/**
 * Times two thunks alternately (A B, B A, …) after a warm-up. Each call is measured twice: CPU
 * time of this process (process.cpuUsage: user + system, all of its threads, GC included) and
 * wall time. The ratio is of CPU-time medians: on a shared machine wall time also counts the
 * time the process waits for a core, which swamps a millisecond-long call; CPU time does not.
 */
function versus(a: () => void, b: () => void): Versus {
  for (let i = 0; i < 5; i++) {
    a();
    b();
  }
  const cpu: [number[], number[]] = [[], []];
  const wall: [number[], number[]] = [[], []];
  const time = (f: () => void, side: 0 | 1) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    wall[side].push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu[side].push((c.user + c.system) / 1000);
  };
  for (let i = 0; i < reps; i++) {
    if (i % 2 === 0) {
      time(a, 0);
      time(b, 1);
    } else {
      time(b, 1);
      time(a, 0);
    }
  }
  const sa = spread(cpu[0]);
  const sb = spread(cpu[1]);
  const wa = spread(wall[0]).median;
  const wb = spread(wall[1]).median;
  return {
    a: sa,
    b: sb,
    ratio: Number((sa.median / sb.median).toFixed(3)),
    wall: { a: wa, b: wb, ratio: Number((wa / wb).toFixed(3)) },
  };
}

const stochasticNode = (p: Program) => p.order.find((id) => p.nodes.get(id)?.op?.stochastic);

function benchExercise(program: Program) {
  const obj = objectiveNode(program);
  const checkpointEvery = program.spec.checkpoint ?? 0;
  const traced = () => void run(program);
  const bare = () => void execute(program, { seedNode: obj.node, checkpointEvery });
  const out: Record<string, unknown> = { checkpoint: checkpointEvery };
  const rec = versus(traced, bare);
  out.recorder_cost = rec.ratio;
  out.run_ms = rec.a;
  out.run_without_trace_ms = rec.b;
  const z = stochasticNode(program);
  if (z !== undefined && program.nodes.get(z)?.op?.name === 'bernoulli') {
    const est = versus(traced, () => void estimate(program, { node: z, seed: 0 }));
    out.engine_vs_estimate = est.ratio;
    out.estimate_ms = est.b;
    out.engine_vs_estimate_wall = est.wall.ratio;
    return out;
  }
  const leaves = gradientLeaves(program, obj.node);
  const grads = tf.grads(graphFunction(program, obj.node, leaves));
  const tfOnce = () =>
    tf.tidy(() => {
      const xs = leaves.map((id) => {
        const n = program.nodes.get(id);
        return tf.tensor(n?.value as Float32Array, n?.shape);
      });
      for (const g of grads(xs)) g.dataSync();
    });
  const vs = versus(traced, tfOnce);
  out.engine_vs_tfgrads = vs.ratio;
  out.tfgrads_ms = vs.b;
  out.engine_vs_tfgrads_wall = vs.wall.ratio;
  return out;
}

const BASELINE =
  'tf.grads of the whole graph as one function, nothing freed: a checkpointed exercise is charged for its recomputation (ex05 at k = 3: 37 op evaluations against 21)';

tf.enableProdMode();
const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
setWasmPaths(`${pathToFileURL(join(wasmDir, '/')).href}`);
const report: Record<string, unknown> = { reps, backends: {} };
const summary: Record<string, Record<string, number>> = {};
for (const backend of backends) {
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not start`);
  await tf.ready();
  const perGraph: Record<string, unknown> = {};
  summary[backend] = {};
  for (const ex of EXERCISES.filter((e) => !only || only.some((p) => e.id.startsWith(p)))) {
    const r = benchExercise(compileExercise(ex).program);
    perGraph[ex.id] = r;
    if (typeof r.engine_vs_tfgrads === 'number') (summary[backend] as Record<string, number>)[ex.id] = r.engine_vs_tfgrads;
    if (!json) console.log(`${backend.padEnd(5)} ${ex.id.padEnd(30)} ${JSON.stringify(r)}`);
  }
  (report.backends as Record<string, unknown>)[backend] = perGraph;
}
report.engine_vs_tfgrads = summary;
report.engine_vs_tfgrads_baseline = BASELINE;
report.engine_vs_tfgrads_max = Object.fromEntries(Object.entries(summary).map(([b, s]) => [b, Math.max(...Object.values(s))]));
if (sections) for (const s of SECTIONS) report[s.key] = await s.run({ reps });
if (json) console.log(JSON.stringify(report));
else {
  console.log(`engine_vs_tfgrads baseline: ${BASELINE}`);
  for (const [b, s] of Object.entries(summary))
    console.log(
      `engine_vs_tfgrads ${b.padEnd(5)} ${Object.entries(s)
        .map(([id, r]) => `${id} ${r}`)
        .join('  ')}`,
    );
  console.log(JSON.stringify({ engine_vs_tfgrads_max: report.engine_vs_tfgrads_max }));
}
