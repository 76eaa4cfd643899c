import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptedOrLocated, gradientsMatchTfGrads, mutatedExercise, randomInputs, runSpec, runWithInputs, validGraph } from './properties';

// A few hundred cases per run in `npm test`; `npm run fuzz -- --runs N` for long runs.
describe('fuzzing', () => {
  it('random valid graphs run and match tf.grads', () => {
    fc.assert(
      fc.property(validGraph, (spec) => gradientsMatchTfGrads(spec)),
      { numRuns: 150, seed: 1 },
    );
  });

  it('mutated exercise graphs are accepted or rejected with a located message', () => {
    const seen = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(mutatedExercise, (spec) => {
        seen[acceptedOrLocated(runSpec(spec))]++;
      }),
      { numRuns: 200, seed: 2 },
    );
    expect(seen.rejected).toBeGreaterThan(20);
  });

  it('random --inputs are accepted or rejected with a located message, without leaks', () => {
    const before = tf.memory().numTensors;
    fc.assert(
      fc.property(randomInputs, (c) => void acceptedOrLocated(runWithInputs(c))),
      { numRuns: 150, seed: 3 },
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
