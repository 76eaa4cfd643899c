import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/core/compile';
import type { GraphSpec } from '../../../src/core/types';
import { gradcheck } from '../../../src/engine/gradcheck';
import { FAMILIES } from './_check';

/** One small classifier-shaped graph that uses every issue-11 op, for the engine's own gradcheck. */
const SPEC: GraphSpec = {
  nodes: [
    {
      id: 'x',
      op: 'leaf',
      value: [
        [0.5, -1.2, 2],
        [1.5, 0.3, -0.7],
        [-0.4, 0.9, 1.1],
        [2.2, -0.6, 0.1],
      ],
      role: 'input',
    },
    {
      id: 'W',
      op: 'leaf',
      value: [
        [0.4, -0.3, 0.8],
        [-0.5, 0.7, 0.2],
        [0.3, 0.6, -0.9],
      ],
      role: 'param',
    },
    { id: 'g', op: 'leaf', value: [1.2, 0.8, 1.0], role: 'param' },
    { id: 'b', op: 'leaf', value: [0.1, -0.2, 0.05], role: 'param' },
    { id: 'y', op: 'leaf', value: [2, 0, 1, 2], role: 'constant' },
    { id: 'h', op: 'matmul', inputs: ['x', 'W'] },
    { id: 'n', op: 'layer_norm', inputs: ['h', 'g', 'b'] },
    { id: 'a1', op: 'gelu', inputs: ['n'] },
    { id: 'a2', op: 'gelu', inputs: ['n'], attrs: { approximate: 'tanh' } },
    { id: 'a3', op: 'leaky_relu', inputs: ['n'], attrs: { alpha: 0.1 } },
    { id: 'a4', op: 'softplus', inputs: ['n'] },
    { id: 'm1', op: 'maximum', inputs: ['a1', 'a3'] },
    { id: 'm2', op: 'minimum', inputs: ['a2', 'b'] },
    { id: 'r', op: 'sqrt', inputs: ['a4'] },
    { id: 's1', op: 'add', inputs: ['m1', 'm2'] },
    { id: 'z', op: 'add', inputs: ['s1', 'r'] },
    { id: 'CE', op: 'softmax_cross_entropy', inputs: ['z', 'y'] },
    { id: 'ls', op: 'log_softmax', inputs: ['z'] },
    { id: 'lse', op: 'logsumexp', inputs: ['ls'], attrs: { axis: 0 } },
    { id: 'mx', op: 'max', inputs: ['lse'] },
    { id: 'ab', op: 'abs', inputs: ['mx'] },
    { id: 'L', op: 'add', inputs: ['CE', 'ab'] },
  ],
  objectives: [{ name: 'L', node: 'L' }],
};

describe('issue-11 ops inside one graph', () => {
  it('uses each of them', () => {
    const used = new Set(SPEC.nodes.map((n) => n.op));
    const ours = [...FAMILIES.nonlinear2, ...FAMILIES.binary2, ...FAMILIES.reductions2, ...FAMILIES.cross_entropy, ...FAMILIES.layer_norm];
    expect(ours).toHaveLength(12);
    expect(ours.filter((o) => !used.has(o))).toEqual([]);
  });

  it('passes the engine gradcheck: every node VJP and every leaf gradient', () => {
    const r = gradcheck(compile(SPEC));
    expect(r.nodes.map((n) => n.node)).toEqual(expect.arrayContaining(['n', 'CE', 'm1', 'm2', 'mx', 'lse']));
    expect(r.leaves.map((l) => l.node).sort()).toEqual(['W', 'b', 'g', 'x']);
    expect(r.pass).toBe(true);
  });

  it('a dropout layer: leaf gradients pass gradcheck with the run’s mask (same seed, same draws)', () => {
    const spec: GraphSpec = {
      nodes: [
        {
          id: 'x',
          op: 'leaf',
          value: [
            [0.5, -1.2, 2, 0.3],
            [1.5, 0.3, -0.7, 1],
          ],
          role: 'input',
        },
        { id: 'g', op: 'leaf', value: [1.2, 0.8, 1.0, 0.9], role: 'param' },
        { id: 'b', op: 'leaf', value: [0.1, -0.2, 0.05, 0], role: 'param' },
        { id: 'y', op: 'leaf', value: [3, 1], role: 'constant' },
        { id: 'n', op: 'layer_norm', inputs: ['x', 'g', 'b'] },
        { id: 'd', op: 'dropout', inputs: ['n'], attrs: { p: 0.3 } },
        { id: 'L', op: 'softmax_cross_entropy', inputs: ['d', 'y'] },
      ],
      objectives: [{ name: 'L', node: 'L' }],
    };
    for (const seed of [0, 1, 2]) {
      const r = gradcheck(compile(spec), { seed });
      expect(r.leaves.map((l) => [l.node, l.pass])).toEqual([
        ['x', true],
        ['g', true],
        ['b', true],
      ]);
      // The dropout node itself is checked too: given its mask it is a plain linear map.
      expect(r.nodes.find((n) => n.node === 'd')).toMatchObject({ op: 'dropout', pass: true });
      expect(r.pass).toBe(true);
    }
  });
});
