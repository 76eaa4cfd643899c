import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ex03 } from '../../graphs/ex03-two-layer-backprop';
import { compile, type Program } from '../../src/core/compile';
import { type AnyOp, defineOp, type Tensor } from '../../src/core/op';
import { REGISTRY } from '../../src/core/registry';
import type { GraphSpec, NestedNumber } from '../../src/core/types';
import { GRADCHECK_TOLERANCE, type GradcheckResult, gradcheck } from '../../src/engine/gradcheck';

const TOL = GRADCHECK_TOLERANCE;
const op = (name: string) => REGISTRY.get(name) as AnyOp;

/** The same program with one node's op swapped (for deliberately wrong VJPs). */
function withOp(program: Program, nodeId: string, replacement: AnyOp): Program {
  const nodes = new Map([...program.nodes].map(([id, n]) => [id, id === nodeId ? { ...n, op: replacement } : n]));
  return { ...program, nodes };
}

const byNode = (r: GradcheckResult, id: string) => r.nodes.find((n) => n.node === id);
const byLeaf = (r: GradcheckResult, id: string) => r.leaves.find((n) => n.node === id);

function expectAllPass(r: GradcheckResult) {
  for (const c of [...r.nodes, ...r.leaves]) {
    if (c.skipped) continue;
    expect(c.vsTfGrads, `${c.node} vs tf.grads`).toBeLessThanOrEqual(TOL.tfGrads);
    expect(c.finiteDiff, `${c.node} finite differences`).not.toBe('fail');
    if (c.finiteDiff === 'pass') expect(c.vsFiniteDiff, `${c.node} vs finite differences`).toBeLessThanOrEqual(TOL.finiteDiff);
    expect(c.pass).toBe(true);
  }
  expect(r.pass).toBe(true);
}

const leaf = (id: string, value: NestedNumber, role: 'input' | 'param' | 'constant' | 'frozen' = 'param') => ({
  id,
  op: 'leaf',
  value,
  role,
});
const node = (id: string, opName: string, inputs: string[], attrs?: Record<string, any>) => ({ id, op: opName, inputs, attrs });

/** Seeded uniform matrix, for graphs bigger than a literal wants to be. */
function matrix(rows: number, cols: number, seed: number, amp: number): number[][] {
  let a = seed;
  const u = () => {
    a = (a * 1664525 + 1013904223) % 4294967296;
    return a / 4294967296;
  };
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => amp * (2 * u() - 1)));
}

describe('gradcheck on correct graphs', () => {
  it('ex03: every VJP and every gradient leaf passes', () => {
    const r = gradcheck(compile(ex03.build({})));
    expect(r.objective).toBe('loss');
    expect(r.nodes.map((n) => [n.node, n.op])).toEqual([
      ['W1x', 'matmul'],
      ['z1', 'add'],
      ['a1', 'relu'],
      ['w2a1', 'dot'],
      ['yhat', 'add'],
      ['loss', 'half_squared_error'],
    ]);
    // y is a constant: no gradient, no check.
    expect(r.leaves.map((l) => [l.node, l.role])).toEqual([
      ['x', 'input'],
      ['W1', 'param'],
      ['b1', 'param'],
      ['w2', 'param'],
      ['b2', 'param'],
    ]);
    expect(byNode(r, 'W1x')?.slots.map((s) => s.input)).toEqual(['W1', 'x']);
    expectAllPass(r);
  });

  it('lists only nodes with a backward step and leaves the objective reaches', () => {
    const r = gradcheck(
      compile({
        nodes: [
          leaf('a', [1, 2]),
          leaf('f', [0.5, -1], 'frozen'),
          leaf('unused', [3, 4]),
          node('m', 'mul', ['a', 'f']),
          node('side', 'exp', ['unused']),
          node('fm', 'exp', ['f']),
          node('J', 'dot', ['m', 'fm']),
        ],
        objectives: [{ name: 'J', node: 'J' }],
      }),
    );
    // fm depends only on a frozen leaf: no gradient flows there; side is not an ancestor of J.
    expect(r.nodes.map((n) => n.node)).toEqual(['m', 'J']);
    expect(r.leaves.map((l) => l.node)).toEqual(['a']);
    expectAllPass(r);
  });

  it('30×30 matrices with broadcasting, a residual fan-out and softmax', () => {
    const program = compile({
      nodes: [
        leaf('A', matrix(30, 30, 1, 0.3)),
        leaf('B', matrix(30, 30, 2, 0.3)),
        leaf('bias', matrix(1, 30, 3, 0.5)[0] as number[]),
        node('AB', 'matmul', ['A', 'B']),
        node('Z', 'add', ['AB', 'bias']),
        node('H', 'tanh', ['Z']),
        node('R', 'add', ['H', 'A']),
        node('P', 'softmax', ['R']),
        node('Q', 'mul', ['P', 'A']),
        node('J', 'sum', ['Q']),
      ],
      objectives: [{ name: 'J', node: 'J' }],
    });
    const r = gradcheck(program);
    expectAllPass(r);
    expect(r.leaves.map((l) => l.node)).toEqual(['A', 'B', 'bias']);
    // Conclusive, not waved through: every leaf's finite differences decided.
    expect(r.leaves.map((l) => l.finiteDiff)).toEqual(['pass', 'pass', 'pass']);
  });

  it('a gradient that is zero up to rounding (Σ softmax) is not failed for noise', () => {
    const r = gradcheck(
      compile({
        nodes: [
          leaf('S', [
            [1, 2, 0.5],
            [0.3, -1, 2],
          ]),
          node('P', 'softmax', ['S']),
          node('J', 'sum', ['P']),
        ],
        objectives: [{ name: 'J', node: 'J' }],
      }),
    );
    expectAllPass(r);
  });

  it('an input within h of a relu kink does not fail a correct VJP', () => {
    // At h = 1e-2 every direction crosses the kinks at ±0.004; smaller steps do not.
    const r = gradcheck(
      compile({
        nodes: [
          leaf('z', [0.004, -0.003, 1, -2, 0.5]),
          leaf('w', [1, -2, 3, 0.5, 2]),
          node('a', 'relu', ['z']),
          node('J', 'dot', ['a', 'w']),
        ],
        objectives: [{ name: 'J', node: 'J' }],
      }),
    );
    expectAllPass(r);
  });

  it('at an exact minimum the zero gradient is confirmed, not failed for rounding', () => {
    const r = gradcheck(
      compile({
        nodes: [leaf('p', [0.3, -1.7, 2.2]), leaf('t', [0.3, -1.7, 2.2], 'constant'), node('L', 'half_squared_error', ['p', 't'])],
        objectives: [{ name: 'L', node: 'L' }],
      }),
    );
    expect(byLeaf(r, 'p')?.vsFiniteDiff).toBe(0);
    expectAllPass(r);
  });

  it('uses the given leaf values and objective', () => {
    const spec: GraphSpec = {
      nodes: [
        leaf('x', [1, 2, 3]),
        node('e', 'exp', ['x']),
        node('s', 'sin', ['x']),
        node('J1', 'sum', ['e']),
        node('J2', 'dot', ['s', 'x']),
      ],
      objectives: [
        { name: 'J1', node: 'J1' },
        { name: 'J2', node: 'J2' },
      ],
    };
    const r = gradcheck(compile(spec), { objective: 'J2', values: new Map([['x', Float32Array.from([-0.5, 0.25, 4])]]) });
    expect(r.objective).toBe('J2');
    expect(r.nodes.map((n) => n.node)).toEqual(['s', 'J2']);
    expectAllPass(r);
  });

  it('does not leak tensors', () => {
    const program = compile(ex03.build({}));
    gradcheck(program);
    const before = tf.memory().numTensors;
    gradcheck(program, { seed: 3 });
    gradcheck(program, { seed: 4 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('gradcheck fails wrong VJPs', () => {
  /** square whose VJP forgot the factor 2: ȳ ⊙ x. */
  const badSquare = defineOp({ ...op('square'), name: 'bad_square', vjp: ({ inputs: [x], dy }) => [() => tf.mul(dy, x as Tensor)] });

  it('a missing factor: the node and the leaf behind it fail, by about ½', () => {
    const program = withOp(
      compile({
        nodes: [leaf('w', [0.5, -1.5, 2]), node('q', 'square', ['w']), node('J', 'sum', ['q'])],
        objectives: [{ name: 'J', node: 'J' }],
      }),
      'q',
      badSquare,
    );
    const r = gradcheck(program);
    const q = byNode(r, 'q');
    expect(q?.op).toBe('bad_square');
    expect(q?.pass).toBe(false);
    expect(q?.vsTfGrads).toBeCloseTo(0.5, 4);
    expect(q?.vsFiniteDiff).toBeGreaterThan(10 * TOL.finiteDiff);
    expect(byNode(r, 'J')?.pass).toBe(true);
    const w = byLeaf(r, 'w');
    expect(w?.pass).toBe(false);
    expect(w?.vsTfGrads).toBeCloseTo(0.5, 4);
    expect(w?.vsFiniteDiff).toBeGreaterThan(10 * TOL.finiteDiff);
    expect(r.pass).toBe(false);
  });

  it('a missing transpose in matmul (B̄ = A Ȳ instead of Aᵀ Ȳ) fails at a square A', () => {
    const mm = op('matmul');
    const badMatmul = defineOp({
      ...mm,
      name: 'bad_matmul',
      vjp: (args, ctx) => {
        const [dA] = mm.vjp(args, ctx);
        return [dA ?? null, () => tf.matMul(args.inputs[0] as tf.Tensor2D, args.dy as tf.Tensor2D)];
      },
    });
    const program = compile({
      nodes: [leaf('A', matrix(3, 3, 5, 1)), leaf('B', matrix(3, 2, 6, 1)), node('C', 'matmul', ['A', 'B']), node('J', 'sum', ['C'])],
      objectives: [{ name: 'J', node: 'J' }],
    });
    expectAllPass(gradcheck(program));
    const r = gradcheck(withOp(program, 'C', badMatmul));
    const C = byNode(r, 'C');
    expect(C?.slots.map((s) => s.vsTfGrads < TOL.tfGrads)).toEqual([true, false]);
    expect(C?.slots[1]?.vsFiniteDiff).toBeGreaterThan(TOL.finiteDiff);
    expect(C?.slots[1]?.finiteDiff).toBe('fail');
    expect(byLeaf(r, 'B')?.finiteDiff).toBe('fail');
    expect(byLeaf(r, 'A')?.pass).toBe(true);
    expect(byLeaf(r, 'B')?.pass).toBe(false);
    expect(r.pass).toBe(false);
  });

  /** The finite-difference leg on its own must fail each of these, at the node and at the leaf. */
  const expectFdFails = (r: GradcheckResult, nodeId: string, leafId: string) => {
    expect(byNode(r, nodeId)?.finiteDiff, `${nodeId} FD`).toBe('fail');
    expect(byLeaf(r, leafId)?.finiteDiff, `${leafId} FD`).toBe('fail');
    expect(byNode(r, nodeId)?.pass).toBe(false);
    expect(r.pass).toBe(false);
  };

  it.each([1, 100, 150, 1e4])('a square VJP missing its factor 2 fails finite differences at |w| ≈ %d', (m) => {
    const program = compile({
      nodes: [
        leaf('w', [0.5 * m, -1.5 * m, 1.1 * m]),
        node('q', 'square', ['w']),
        leaf('c', [0.3, 1, -0.7], 'constant'),
        node('J', 'dot', ['q', 'c']),
      ],
      objectives: [{ name: 'J', node: 'J' }],
    });
    expectAllPass(gradcheck(program));
    expectFdFails(gradcheck(withOp(program, 'q', badSquare)), 'q', 'w');
  });

  it.each([0.01, 1, 100])('a VJP 1.5 percent too large fails finite differences at |x| ≈ %d', (m) => {
    const sin = op('sin');
    const scaled = defineOp({ ...sin, name: 'sin_scaled', vjp: (a, ctx) => [() => tf.mul(1.015, (sin.vjp(a, ctx)[0] as () => Tensor)())] });
    const program = compile({
      nodes: [
        leaf('x', [0.4 * m, -1.3 * m, 0.9 * m, 2.1 * m]),
        node('s', 'sin', ['x']),
        leaf('c', [1, -0.5, 0.25, 2], 'constant'),
        node('J', 'dot', ['s', 'c']),
      ],
      objectives: [{ name: 'J', node: 'J' }],
    });
    expectAllPass(gradcheck(program));
    expectFdFails(gradcheck(withOp(program, 's', scaled)), 's', 'x');
  });

  it('a missing fan-out sum (one consumer’s gradient dropped) fails finite differences', () => {
    // y = x ⊙ x: both slots read x; a mul that returns only slot 0's gradient drops half the sum.
    const mul = op('mul');
    const dropped = defineOp({ ...mul, name: 'mul_no_sum', vjp: (a, ctx) => [mul.vjp(a, ctx)[0] ?? null, null] });
    const program = compile({
      nodes: [leaf('x', [0.7, -1.2, 2]), node('y', 'mul', ['x', 'x']), node('J', 'sum', ['y'])],
      objectives: [{ name: 'J', node: 'J' }],
    });
    expectAllPass(gradcheck(program));
    const r = gradcheck(withOp(program, 'y', dropped));
    expect(byLeaf(r, 'x')?.finiteDiff).toBe('fail');
    expect(byLeaf(r, 'x')?.pass).toBe(false);
    expect(r.pass).toBe(false);
  });

  it('a VJP right only for a uniform ȳ passes end to end but fails at the node (random ȳ)', () => {
    // mean(ȳ)·(1 − y²) equals ȳ ⊙ (1 − y²) when ȳ is all ones, as under J = Σ tanh(x).
    const badTanh = defineOp({
      ...op('tanh'),
      name: 'bad_tanh',
      vjp: ({ output, dy }) => [() => tf.mul(tf.mean(dy), tf.sub(1, tf.square(output as Tensor)))],
    });
    const program = withOp(
      compile({
        nodes: [leaf('x', [0.3, -0.7, 1.1, 0.2]), node('t', 'tanh', ['x']), node('J', 'sum', ['t'])],
        objectives: [{ name: 'J', node: 'J' }],
      }),
      't',
      badTanh,
    );
    const r = gradcheck(program);
    expect(byLeaf(r, 'x')?.pass).toBe(true);
    expect(byNode(r, 't')?.pass).toBe(false);
    expect(r.pass).toBe(false);
  });

  it('checks at the actual inputs: a relu that passes every gradient is caught only where inputs are negative', () => {
    const leakyBug = defineOp({ ...op('relu'), name: 'relu_no_mask', vjp: ({ dy }) => [() => dy] });
    const program = withOp(
      compile({
        nodes: [leaf('z', [0.5, 1, 2]), node('a', 'relu', ['z']), leaf('w', [1, -2, 3]), node('J', 'dot', ['a', 'w'])],
        objectives: [{ name: 'J', node: 'J' }],
      }),
      'a',
      leakyBug,
    );
    expect(gradcheck(program).pass).toBe(true);
    const r = gradcheck(program, { values: new Map([['z', Float32Array.from([0.5, -1, 2])]]) });
    expect(byNode(r, 'a')?.pass).toBe(false);
    expect(byLeaf(r, 'z')?.pass).toBe(false);
    expect(byLeaf(r, 'w')?.pass).toBe(true);
  });

  it('only the chosen objective is checked', () => {
    const program = withOp(
      compile({
        nodes: [
          leaf('x', [1, -2]),
          node('q', 'square', ['x']),
          node('J1', 'sum', ['q']),
          node('e', 'exp', ['x']),
          node('J2', 'sum', ['e']),
        ],
        objectives: [
          { name: 'J1', node: 'J1' },
          { name: 'J2', node: 'J2' },
        ],
      }),
      'q',
      badSquare,
    );
    expect(gradcheck(program).pass).toBe(false);
    expect(gradcheck(program, { objective: 'J2' }).pass).toBe(true);
  });
});

describe('gradcheck and estimators', () => {
  it('bernoulli is skipped as an estimator, so is θ behind it; w, which avoids it, is checked on the same samples', () => {
    const program = compile({
      nodes: [
        leaf('theta', 0.3),
        leaf('w', 0.4),
        node('z', 'bernoulli', ['theta'], { samples: 64, cost: 'L', estimator: 'reinforce_baseline' }),
        node('d', 'sub', ['z', 'w']),
        node('L', 'square', ['d']),
        node('J', 'mean', ['L']),
      ],
      objectives: [{ name: 'J', node: 'J' }],
    });
    const before = tf.memory().numTensors;
    const r = gradcheck(program, { seed: 9 });
    expect(tf.memory().numTensors).toBe(before);
    expect(byNode(r, 'z')).toMatchObject({ skipped: 'estimator', pass: null, vsTfGrads: null, vsFiniteDiff: null });
    expect(byNode(r, 'z')?.note).toMatch(/estimate/);
    expect(byLeaf(r, 'theta')).toMatchObject({ skipped: 'estimator', pass: null });
    expect(byLeaf(r, 'theta')?.note).toContain('"z"');
    // w's gradient, −2·mean(z − w), depends on the draws: tf.grads agrees only if the replay drew the same.
    expect(byLeaf(r, 'w')?.skipped).toBeUndefined();
    expectAllPass(r);
  });

  it('round_ste is skipped as straight-through, so is w behind it; the scale s is checked', () => {
    const r = gradcheck(
      compile({
        nodes: [
          leaf('w', [0.7, 1.6, -0.4, 2.1]),
          leaf('s', 1.5),
          leaf('t', [1, 1, 0, 2], 'constant'),
          node('q', 'round_ste', ['w']),
          node('y', 'mul', ['q', 's']),
          node('L', 'half_squared_error', ['y', 't']),
        ],
        objectives: [{ name: 'L', node: 'L' }],
      }),
    );
    expect(byNode(r, 'q')).toMatchObject({ skipped: 'estimator', pass: null });
    expect(byNode(r, 'q')?.note).toMatch(/straight-through/);
    expect(byLeaf(r, 'w')).toMatchObject({ skipped: 'estimator', pass: null });
    expect(byLeaf(r, 's')?.skipped).toBeUndefined();
    expect(r.nodes.filter((n) => !n.skipped).map((n) => n.node)).toEqual(['y', 'L']);
    expectAllPass(r);
  });
});

describe('gradcheck checks the run the user is looking at', () => {
  it('ex05 at its own checkpoint k = 3: the checkpointed backward is the one checked, and it passes', async () => {
    const { ex05 } = await import('../../graphs/ex05-gradient-checkpointing');
    const { compileExercise } = await import('../../src/engine/exercise');
    const { program } = compileExercise(ex05);
    expect(program.spec.checkpoint).toBe(3);
    const r = gradcheck(program);
    expect(r.checkpointEvery).toBe(3);
    expectAllPass(r);
    expect(gradcheck(program, { checkpointEvery: 0 }).checkpointEvery).toBe(0);
  });
});
