import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { ALL_OPS } from '../../../src/core/ops/index';

// The inspector renders every op's formula with KaTeX (trust: false): a typo would show as an
// error box in place of the maths, so each must parse.
describe('op formulas', () => {
  it.each(ALL_OPS.map((o) => [o.name, o] as const))('%s: forward and one VJP per input render in KaTeX', (_, op) => {
    expect(op.formula.vjp).toHaveLength(op.inputs.length);
    for (const tex of [op.formula.forward, ...op.formula.vjp]) {
      expect(() => katex.renderToString(tex, { throwOnError: true, trust: false })).not.toThrow();
    }
  });
});
