import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/core/compile';
import { REGISTRY } from '../../src/core/registry';
import { checkpointInvariant, DAG_OPS, dag, dagMatchesTfGrads, estimatorMatchesExpectation, stochasticGraph } from './dag';
import { acceptedOrLocated, mutatedExercise, randomInputs, runSpec, runWithInputs } from './properties';

// A few hundred cases per run in `npm test`; `npm run fuzz -- --runs N` for long runs.
describe('fuzzing', () => {
  it('every registered op can appear in a random DAG (bernoulli in its own property)', () => {
    expect(DAG_OPS.length).toBe(REGISTRY.size - 1);
    expect(DAG_OPS.filter((o) => o.forms.length === 0).map((o) => o.op.name)).toEqual([]);
  });

  it('random DAGs over all ops: gradients match tf.grads, and every checkpoint k gives the same ones', () => {
    const used = new Set<string>();
    let compared = 0;
    fc.assert(
      fc.property(dag, fc.integer({ min: 1, max: 4 }), fc.nat(50), (d, k, seed) => {
        const program = compile(d.spec);
        for (const n of program.nodes.values()) if (n.op) used.add(n.op.name);
        if (!d.estimator && dagMatchesTfGrads(program, seed)) compared++;
        checkpointInvariant(program, k, seed);
      }),
      { numRuns: 250, seed: 1 },
    );
    expect(compared).toBeGreaterThan(100);
    expect(used.size).toBeGreaterThan(DAG_OPS.length * 0.8);
  });

  it('bernoulli layers: same seed, same draws with and without checkpointing; estimates match the analytic expectation', () => {
    fc.assert(
      fc.property(stochasticGraph, fc.integer({ min: 1, max: 3 }), fc.nat(1000), (g, k, seed) => {
        checkpointInvariant(compile(g.spec), k, seed);
        estimatorMatchesExpectation(g, seed);
      }),
      { numRuns: 40, seed: 4 },
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
