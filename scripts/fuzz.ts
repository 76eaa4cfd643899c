// Long fuzz runs: `npm run fuzz -- --runs 10000 [--seed S]`. Same properties as tests/fuzz.
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  acceptedOrLocated,
  gradientsMatchTfGrads,
  mutatedExercise,
  randomInputs,
  runSpec,
  runWithInputs,
  validGraph,
} from '../tests/fuzz/properties';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const runs = opt('runs', 1000);
const seed = opt('seed', Date.now() % 2 ** 31);

tf.enableProdMode();
await tf.setBackend('cpu');
const before = tf.memory().numTensors;
const counts = { valid: 0, mutated: { accepted: 0, rejected: 0 }, inputs: { accepted: 0, rejected: 0 } };
const t0 = performance.now();
fc.assert(
  fc.property(validGraph, (s) => {
    gradientsMatchTfGrads(s);
    counts.valid++;
  }),
  { numRuns: runs, seed },
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
