// Long fuzz runs: `npm run fuzz -- --cases 10000 [--seed S]` (`--runs` is the same flag). Same properties as tests/fuzz.
// Prints the counts, the seed and the time; a failure prints fast-check's counterexample and its seed/path.
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { compile } from '../src/core/compile';
import { checkpointInvariant, dag, dagMatchesTfGrads, estimatorMatchesExpectation, stochasticGraph } from '../tests/fuzz/dag';
import { acceptedOrLocated, mutatedExercise, randomInputs, runSpec, runWithInputs } from '../tests/fuzz/properties';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const runs = opt('cases', opt('runs', 1000));
const seed = opt('seed', Date.now() % 2 ** 31);

tf.enableProdMode();
await tf.setBackend('cpu');
const before = tf.memory().numTensors;
const counts = {
  dags: 0,
  dags_vs_tfgrads: 0,
  /** Of those, differences beyond 1e-4 that the gradcheck classified as float32 rounding. */
  dags_rounding: 0,
  ops_used: 0,
  stochastic: 0,
  mutated: { accepted: 0, rejected: 0 },
  inputs: { accepted: 0, rejected: 0 },
};
const used = new Set<string>();
const t0 = performance.now();
fc.assert(
  fc.property(dag, fc.integer({ min: 1, max: 4 }), fc.nat(50), (d, k, s) => {
    const program = compile(d.spec);
    for (const n of program.nodes.values()) if (n.op) used.add(n.op.name);
    const vs = d.estimator ? 'skipped' : dagMatchesTfGrads(program, s);
    if (vs !== 'skipped') counts.dags_vs_tfgrads++;
    if (vs === 'rounding') counts.dags_rounding++;
    checkpointInvariant(program, k, s);
    counts.dags++;
  }),
  { numRuns: runs, seed },
);
counts.ops_used = used.size;
fc.assert(
  fc.property(stochasticGraph, fc.integer({ min: 1, max: 3 }), fc.nat(1000), (g, k, s) => {
    checkpointInvariant(compile(g.spec), k, s);
    estimatorMatchesExpectation(g, s);
    counts.stochastic++;
  }),
  { numRuns: Math.max(1, Math.round(runs / 10)), seed: seed + 3 },
);
fc.assert(
  fc.property(mutatedExercise, (s) => {
    counts.mutated[acceptedOrLocated(runSpec(s))]++;
  }),
  { numRuns: runs, seed: seed + 1 },
);
fc.assert(
  fc.property(randomInputs, (c) => {
    counts.inputs[acceptedOrLocated(runWithInputs(c))]++;
  }),
  { numRuns: runs, seed: seed + 2 },
);
const leaked = tf.memory().numTensors - before;
console.log(JSON.stringify({ runs, seed, counts, leaked_tensors: leaked, seconds: Number(((performance.now() - t0) / 1000).toFixed(1)) }));
process.exitCode = leaked === 0 ? 0 : 1;
