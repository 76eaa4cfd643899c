import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { defineOp, type Tensor } from '../../../src/core/op';
import { ALL_OPS } from '../../../src/core/ops/index';
import { makeRng } from '../../../src/core/random';
import { arg, FAMILIES, opNamed, TOL_FD, TOL_TF, vjpReport } from './_check';

describe('op test coverage', () => {
  it('puts every registered op in exactly one test family', () => {
    const listed = Object.values(FAMILIES).flat();
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(ALL_OPS.map((o) => o.name).sort());
    expect(listed).toHaveLength(42);
  });

  it('the checks catch a wrong VJP with both references', () => {
    // sin with the derivative of cos: both tf.grads and finite differences must object.
    const wrong = defineOp({
      ...opNamed('sin'),
      name: 'wrong_sin',
      vjp: ({ inputs: [x], dy }) => [() => tf.mul(dy, tf.neg(tf.sin(x as Tensor)))],
    });
    const r = vjpReport(wrong, [arg(makeRng(1), [3, 4])]);
    expect(r.vsTfGrads[0]).toBeGreaterThan(100 * TOL_TF);
    expect(r.vsFiniteDiff[0]).toBeGreaterThan(100 * TOL_FD);
  });
});
