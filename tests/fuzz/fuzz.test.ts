import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompiledNode, compile } from '../../src/core/compile';
import type { AnyOp } from '../../src/core/op';
import { REGISTRY } from '../../src/core/registry';
import type { GraphSpec } from '../../src/core/types';
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
        if (!d.estimator && dagMatchesTfGrads(program, seed) !== 'skipped') compared++;
        checkpointInvariant(program, k, seed);
      }),
      { numRuns: 250, seed: 1 },
    );
    expect(compared).toBeGreaterThan(100);
    expect(used.size).toBeGreaterThan(DAG_OPS.length * 0.8);
  });

  // Found by a 10,000-case run (seed 20261201, case 850): layer_norm cancels a row's scale, so
  // ∂J/∂x0 is rounding noise on both sides and their relative error (7e-3) means nothing.
  const cancelled = {
    nodes: [
      { id: 'x0', op: 'leaf', value: [[0.6310377353802323], [0.8169789432082324]], role: 'param' },
      { id: 'x1', op: 'leaf', value: [1.0059388452209532, 1.2868365691509096, 0.3707610800862312], role: 'constant' },
      { id: 'n0', op: 'mul', inputs: ['x0', 'x1'], layer: 1 },
      { id: 'x3', op: 'leaf', value: [0.817325696023181, 1.384668147470802, 1.0786639987956732], role: 'constant' },
      { id: 'x4', op: 'leaf', value: [0.32309053000062704, 1.1949444557074456, 0.6506315981037915], role: 'constant' },
      { id: 'n1', op: 'layer_norm', inputs: ['n0', 'x3', 'x4'], layer: 1 },
      { id: 'r', op: 'sum', inputs: ['n1'] },
      { id: 'J', op: 'scale', inputs: ['r'], attrs: { by: 1 } },
    ],
    objectives: [{ name: 'J', node: 'J' }],
  } as unknown as GraphSpec;

  it('a gradient cancelled to rounding is classified by the gradcheck, a wrong VJP there still fails', () => {
    const program = compile(cancelled);
    expect(dagMatchesTfGrads(program, 0)).toBe('rounding');
    // The same graph with layer_norm's VJP replaced by the identity's: a real error, reported.
    const n1 = program.nodes.get('n1') as CompiledNode;
    const op = n1.op as AnyOp;
    (n1 as { op: AnyOp }).op = { ...op, vjp: ({ dy }) => [() => tf.mul(dy, 1), null, null] };
    expect(() => dagMatchesTfGrads(program, 0)).toThrow(/leaf x0: engine vs tf.grads relative error/);
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
