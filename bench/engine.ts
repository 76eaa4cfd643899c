// Engine vs tf.grads: median time of `run` (forward, backward and the full recorded trace)
// over the median time of tf.grads computing the same gradients of the same function,
// interleaved in one process on the same backend. A benchmark, not a test.
import * as tf from '@tensorflow/tfjs';
import { EXERCISES } from '../graphs/index';
import { compileExercise } from '../src/engine/exercise';
import { gradientLeaves, graphFunction } from '../src/engine/graphFunction';
import { objectiveNode, run } from '../src/engine/run';
import { editLatency } from './edit-latency';

const args = process.argv.slice(2);
const json = args.includes('--json');
const reps = Number(args[args.indexOf('--reps') + 1]) || 40;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

tf.enableProdMode();
await tf.setBackend('cpu');

const ratios: Record<string, number> = {};
const detail: Record<string, { run_ms: number; tfgrads_ms: number }> = {};
for (const ex of EXERCISES) {
  const { program } = compileExercise(ex);
  const obj = objectiveNode(program);
  const leaves = gradientLeaves(program, obj.node);
  if (program.order.some((id) => program.nodes.get(id)?.op?.stochastic)) continue; // estimators: no tf.grads equivalent
  const f = graphFunction(program, obj.node, leaves);
  const grads = tf.grads(f);
  const runOnce = () => run(program);
  const tfOnce = () =>
    tf.tidy(() => {
      const xs = leaves.map((id) => {
        const n = program.nodes.get(id);
        return tf.tensor(n?.value as Float32Array, n?.shape);
      });
      for (const g of grads(xs)) g.dataSync();
    });
  for (let i = 0; i < 5; i++) {
    runOnce();
    tfOnce();
  }
  const tRun: number[] = [];
  const tTf: number[] = [];
  for (let i = 0; i < reps; i++) {
    let t0 = performance.now();
    runOnce();
    tRun.push(performance.now() - t0);
    t0 = performance.now();
    tfOnce();
    tTf.push(performance.now() - t0);
  }
  ratios[ex.id] = Number((median(tRun) / median(tTf)).toFixed(3));
  detail[ex.id] = { run_ms: Number(median(tRun).toFixed(3)), tfgrads_ms: Number(median(tTf).toFixed(3)) };
}

// Edit → new trace and lesson through the worker's code path (bench/edit-latency.ts).
const edit = await editLatency(reps);
if (json)
  console.log(JSON.stringify({ engine_vs_tfgrads: ratios, median_ms: detail, reps, edit_latency_ms: edit.p95, edit_latency: edit }));
else {
  for (const [id, r] of Object.entries(ratios))
    console.log(`${id.padEnd(28)} ratio ${r}  (run ${detail[id]?.run_ms} ms, tf.grads ${detail[id]?.tfgrads_ms} ms)`);
  for (const [id, p] of Object.entries(edit.p95)) console.log(`${id.padEnd(28)} edit p95 ${p} ms (${edit.backend})`);
}
