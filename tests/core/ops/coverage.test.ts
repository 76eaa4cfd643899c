import { existsSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { defineOp, type Tensor } from '../../../src/core/op';
import { ALL_OPS } from '../../../src/core/ops/index';
import { makeRng } from '../../../src/core/random';
import { arg, FAMILIES, opNamed, TOL_FD, TOL_TF, vjpReport } from './_check';

describe('op test coverage', () => {
  it('tests every registered op: in exactly one family of _check.ts, or in its own <op>.test.ts', () => {
    const listed: string[] = Object.values(FAMILIES).flat();
    expect(new Set(listed).size).toBe(listed.length);
    // A new op brings its own test file (no second list to edit); that file must check the op.
    const own = ALL_OPS.map((o) => o.name).filter((name) => !listed.includes(name));
    for (const name of own) {
      const file = new URL(`./${name}.test.ts`, import.meta.url);
      expect(existsSync(file), `${name}: no family in _check.ts and no tests/core/ops/${name}.test.ts`).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(text, `${name}.test.ts must check the op's VJP`).toContain(`expectVjpCorrect(opNamed('${name}')`);
    }
    // Families name registered ops only.
    for (const name of listed) expect(ALL_OPS.map((o) => o.name)).toContain(name);
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
