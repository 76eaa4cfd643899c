import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/core/compile';
import { makeRng } from '../../../src/core/random';
import type { AttrValue, Shape } from '../../../src/core/types';
import { run } from '../../../src/engine/run';
import { arg, expectShapeError, expectVjpCorrect, FAMILIES, opNamed, uniform } from './_check';
import { expectNoLeakAcrossRuns, forwardValue, v, vjpValues } from './_values';

const op = opNamed('layer_norm');

describe('layer_norm: VJP vs tf.grads and finite differences (x, gamma, beta)', () => {
  it('covers the whole family', () => {
    expect(FAMILIES.layer_norm).toEqual(['layer_norm']);
  });

  it.each([
    [[5], {}],
    [[3, 4], {}],
    [[2, 3, 4], {}],
    [[4, 6], { epsilon: 0.1 }],
    [[1, 3], {}],
  ] as const)('x %j %j', (xs, attrs) => {
    const rng = makeRng(xs.length * 3 + 1);
    const d = [xs[xs.length - 1] as number];
    expectVjpCorrect(
      op,
      [arg(rng, xs as unknown as Shape), arg(rng, d, uniform(0.5, 2)), arg(rng, d)],
      attrs as unknown as Record<string, AttrValue>,
    );
  });
});

describe('layer_norm: values', () => {
  it('normalises each row to mean 0, variance 1 (biased), then γ ⊙ x̂ + β', () => {
    // Row [1, 2, 3, 4]: μ = 2.5, σ² = 1.25.
    const r = Math.sqrt(1.25 + 1e-5);
    const gamma = [2, 2, 1, 1];
    const beta = [0, 1, 0, -1];
    const y = forwardValue('layer_norm', [v([1, 4], [1, 2, 3, 4]), gamma, beta]).data;
    const want = [-1.5, -0.5, 0.5, 1.5].map((c, i) => (gamma[i] as number) * (c / r) + (beta[i] as number));
    y.forEach((d, i) => {
      expect(d).toBeCloseTo(want[i] as number, 5);
    });
  });

  it('rows are independent: each has mean 0 and variance σ²/(σ² + ε) with γ = 1, β = 0', () => {
    const x = arg(makeRng(9), [3, 5], uniform(-4, 4));
    const y = forwardValue('layer_norm', [v(x.shape, Array.from(x.data)), [1, 1, 1, 1, 1], [0, 0, 0, 0, 0]], { epsilon: 0.5 }).data;
    for (let r = 0; r < 3; r++) {
      const row = Array.from(x.data.slice(5 * r, 5 * r + 5));
      const mu = row.reduce((a, b) => a + b, 0) / 5;
      const s2 = row.reduce((a, b) => a + (b - mu) ** 2, 0) / 5;
      const out = y.slice(5 * r, 5 * r + 5);
      expect(out.reduce((a, b) => a + b, 0) / 5).toBeCloseTo(0, 5);
      expect(out.reduce((a, b) => a + b * b, 0) / 5).toBeCloseTo(s2 / (s2 + 0.5), 5);
    }
  });

  it('backward: x̄ loses its row mean and its component along x̂ (γ = 1); γ̄ = Σ ȳ ⊙ x̂, β̄ = Σ ȳ', () => {
    const x = v([2, 3], [1, 4, -2, 0.5, 0.5, 3]);
    const dy = [0.3, -1, 2, 1, 1, 1];
    const [gx, gg, gb] = vjpValues('layer_norm', [x, [1, 1, 1], [0, 0, 0]], {}, dy);
    const xhat = forwardValue('layer_norm', [x, [1, 1, 1], [0, 0, 0]]).data;
    for (let r = 0; r < 2; r++) {
      const g = (gx as number[]).slice(3 * r, 3 * r + 3);
      expect(g.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 5);
      expect(g.reduce((a, b, i) => a + b * (xhat[3 * r + i] as number), 0)).toBeCloseTo(0, 5);
    }
    // Row 1 has ȳ constant: all of it is removed (mean), so x̄ there is 0.
    (gx as number[]).slice(3).forEach((d) => {
      expect(Math.abs(d)).toBeLessThan(1e-6);
    });
    gg?.forEach((d, j) => {
      expect(d).toBeCloseTo((dy[j] as number) * (xhat[j] as number) + (dy[3 + j] as number) * (xhat[3 + j] as number), 5);
    });
    expect(gb).toEqual([1.3, 0, 3].map(Math.fround));
  });

  it('a constant row normalises to 0 without dividing by 0 (ε keeps it finite)', () => {
    const y = forwardValue('layer_norm', [v([1, 3], [2, 2, 2]), [1, 1, 1], [0.5, 0.5, 0.5]]).data;
    expect(y).toEqual([0.5, 0.5, 0.5]);
  });

  it('through the engine: no tensors leak across runs', () => {
    const program = compile({
      nodes: [
        {
          id: 'x',
          op: 'leaf',
          value: [
            [1, 2, 4],
            [0, -1, 3],
          ],
          role: 'input',
        },
        { id: 'g', op: 'leaf', value: [1, 0.5, 2], role: 'param' },
        { id: 'b', op: 'leaf', value: [0, 0.1, -0.1], role: 'param' },
        { id: 'h', op: 'layer_norm', inputs: ['x', 'g', 'b'], attrs: { epsilon: 1e-3 } },
        { id: 'a', op: 'gelu', inputs: ['h'] },
        { id: 'L', op: 'sum', inputs: ['a'] },
      ],
      objectives: [{ name: 'L', node: 'L' }],
    });
    const trace = run(program);
    expect(trace.grads.get('b')?.shape).toEqual([3]);
    expectNoLeakAcrossRuns(program);
  });
});

describe('layer_norm: shape and attr errors', () => {
  it.each([
    [[[2, 4], [3], [4]], 'gamma'],
    [[[2, 4], [4, 1], [4]], 'gamma'],
    [[[2, 4], [4], [2]], 'beta'],
    [[[2, 4], [4], []], 'beta'],
    [[[], [1], [1]], 'x'],
  ] as const)('%j names %s', (shapes, field) => {
    expectShapeError('layer_norm', shapes as unknown as Shape[], {}, field);
  });

  it('the message names the expected shape', () => {
    expect(() => op.shape([[2, 4], [3], [4]], { epsilon: 1e-5 })).toThrow('shape [3] should be [4], the last axis of x [2×4]');
  });

  it.each([0, -1, Number.POSITIVE_INFINITY])('epsilon %d is refused, naming the attr', (epsilon) => {
    const spec = {
      nodes: [
        { id: 'x', op: 'leaf', value: [1, 2], role: 'input' as const },
        { id: 'g', op: 'leaf', value: [1, 1], role: 'param' as const },
        { id: 'b', op: 'leaf', value: [0, 0], role: 'param' as const },
        { id: 'h', op: 'layer_norm', inputs: ['x', 'g', 'b'], attrs: { epsilon } },
        { id: 'L', op: 'sum', inputs: ['h'] },
      ],
      objectives: [{ name: 'L', node: 'L' }],
    };
    expect(() => compile(spec)).toThrow(/node "h", field "attrs\.epsilon"/);
  });
});
