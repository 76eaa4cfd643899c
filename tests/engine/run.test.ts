import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/core/compile';
import type { NodeSpec } from '../../src/core/types';
import { relativeError } from '../../src/engine/numeric';
import { run } from '../../src/engine/run';
import { arr, L, N, spec } from '../helpers';

describe('run', () => {
  it('orders steps: forward in topological order, seed, backward in reverse', () => {
    const t = run(compile(spec([L('x', 2), N('a', 'square', ['x']), N('b', 'sin', ['a']), N('c', 'exp', ['b'])])));
    expect(t.steps.map((s) => `${s.phase}:${s.node}`)).toEqual([
      'forward:a',
      'forward:b',
      'forward:c',
      'seed:c',
      'backward:c',
      'backward:b',
      'backward:a',
    ]);
    expect(t.steps.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(t.steps[4]?.edges).toEqual(['b->c#0']);
    // d/dx exp(sin(x²)) = exp(sin(x²))·cos(x²)·2x
    const x = 2;
    expect(t.grads.get('x')?.data[0]).toBeCloseTo(Math.exp(Math.sin(x * x)) * Math.cos(x * x) * 2 * x, 4);
  });

  it('sums gradients where a value fans out', () => {
    // y = x⊙x + x: the three uses of x each send a gradient; total 2x + 1.
    const t = run(compile(spec([L('x', [1, -2, 3]), N('xx', 'mul', ['x', 'x']), N('y', 'add', ['xx', 'x']), N('s', 'sum', ['y'])])));
    expect(arr(t.grads.get('x')?.data)).toEqual([3, -3, 7]);
    const mulStep = t.steps.find((s) => s.phase === 'backward' && s.node === 'xx');
    expect(mulStep?.sent?.map((s) => s.edge)).toEqual(['x->xx#0', 'x->xx#1']);
    // The running total after the second slot includes the add's earlier contribution.
    expect(arr(mulStep?.sent?.[1]?.total.data)).toEqual([3, -3, 7]);
  });

  it('reduces broadcast axes back to each input shape', () => {
    const t = run(
      compile(
        spec([
          L('M', [
            [1, 2, 3],
            [4, 5, 6],
          ]),
          L('b', [10, 20, 30]),
          L('c', [[2], [3]]),
          L('k', 0.5),
          N('y', 'add', ['M', 'b']),
          N('z', 'mul', ['y', 'c']),
          N('w', 'mul', ['z', 'k']),
          N('s', 'sum', ['w']),
        ]),
      ),
    );
    expect(t.grads.get('b')?.shape).toEqual([3]);
    expect(arr(t.grads.get('b')?.data)).toEqual([2.5, 2.5, 2.5]); // Σ_rows c·k
    expect(t.grads.get('c')?.shape).toEqual([2, 1]);
    expect(arr(t.grads.get('c')?.data)).toEqual([(11 + 22 + 33) * 0.5, (14 + 25 + 36) * 0.5]);
    expect(t.grads.get('k')?.shape).toEqual([]);
    expect(t.grads.get('k')?.data[0]).toBeCloseTo(2 * (11 + 22 + 33) + 3 * (14 + 25 + 36), 3);
  });

  it('gives frozen params and constants no gradient and skips their VJP', () => {
    const t = run(
      compile(
        spec([
          {
            ...L('W0', [
              [1, 2],
              [3, 4],
            ]),
            role: 'frozen',
          },
          { ...L('c', [1, 1]), role: 'constant' },
          L('x', [0.5, -1]),
          N('Wx', 'matmul', ['W0', 'x']),
          N('o', 'dot', ['Wx', 'c']),
        ]),
      ),
    );
    expect(t.grads.has('W0')).toBe(false);
    expect(t.grads.has('c')).toBe(false);
    expect(arr(t.grads.get('x')?.data)).toEqual([4, 6]);
    const mm = t.steps.find((s) => s.phase === 'backward' && s.node === 'Wx');
    expect(mm?.sent?.map((s) => s.to)).toEqual(['x']);
  });

  it('matches tf.grads on a small network', () => {
    const W = [
      [0.3, -0.2, 0.1],
      [0.5, 0.4, -0.6],
    ];
    const x = [1, -0.5, 2];
    const t = run(
      compile(
        spec([
          L('W', W, 'param'),
          L('x', x),
          N('z', 'matmul', ['W', 'x']),
          N('a', 'tanh', ['z']),
          N('p', 'softmax', ['a']),
          N('l', 'log', ['p']),
          N('o', 'sum', ['l']),
        ]),
      ),
    );
    const [gW, gx] = tf.tidy(() =>
      tf
        .grads((w: tf.Tensor, v: tf.Tensor) => tf.sum(tf.log(tf.softmax(tf.tanh(tf.reshape(tf.matMul(w, tf.reshape(v, [3, 1])), [2]))))))([
          tf.tensor(W),
          tf.tensor(x),
        ])
        .map((g) => g.dataSync()),
    );
    expect(relativeError(t.grads.get('W')?.data ?? [], gW as Float32Array)).toBeLessThan(1e-5);
    expect(relativeError(t.grads.get('x')?.data ?? [], gx as Float32Array)).toBeLessThan(1e-5);
  });

  it('flags the first node that produces NaN or Inf and keeps going', () => {
    const t = run(compile(spec([L('x', [1, -1]), N('l', 'log', ['x']), N('e', 'exp', ['x']), N('s', 'sum', ['e'])], 's')));
    expect(t.faults[0]).toMatchObject({ node: 'l' });
    expect(t.steps[t.faults[0]?.step ?? -1]?.fault).toContain('NaN');
    expect(arr(t.grads.get('x')?.data)).toEqual([Math.fround(Math.E), Math.fround(Math.exp(-1))]);
  });

  it('leaks no tensors over 1,000 runs', () => {
    const p = compile(
      spec([
        L(
          'W',
          [
            [1, 2],
            [3, 4],
          ],
          'param',
        ),
        L('x', [1, 1]),
        N('z', 'matmul', ['W', 'x']),
        N('a', 'relu', ['z']),
        N('o', 'sum', ['a']),
      ]),
    );
    run(p);
    const after1 = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) run(p, { seed: i });
    expect(tf.memory().numTensors).toBe(after1);
  });
});

describe('checkpointing', () => {
  // a_l = relu(W_l a_{l-1}) for 6 layers, z_l and a_l tagged with their layer.
  const chain = (): NodeSpec[] => {
    const nodes: NodeSpec[] = [L('a0', [0.5, -0.3, 0.8, 0.1])];
    for (let l = 1; l <= 6; l++) {
      const W = Array.from({ length: 4 }, (_, i) => Array.from({ length: 4 }, (_, j) => Math.sin(l * 7 + i * 3 + j) * 0.9));
      nodes.push(
        { ...L(`W${l}`, W, 'param') },
        { ...N(`z${l}`, 'matmul', [`W${l}`, `a${l - 1}`]), layer: l },
        { ...N(`a${l}`, 'tanh', [`z${l}`]), layer: l },
      );
    }
    nodes.push(N('loss', 'sum', ['a6']));
    return nodes;
  };

  it('gives identical gradients with free and recompute steps and a lower peak', () => {
    const p = compile(spec(chain(), 'loss'));
    const full = run(p);
    for (const k of [1, 2, 3, 4]) {
      const ck = run(p, { checkpointEvery: k });
      for (let l = 1; l <= 6; l++) expect(arr(ck.grads.get(`W${l}`)?.data)).toEqual(arr(full.grads.get(`W${l}`)?.data));
      // k = 1 keeps every layer output, and backward reads only those (matmul: its input a; tanh: its output):
      // nothing to recompute. Larger k drops some a's, and rebuilds them.
      if (k === 1) expect(ck.stats.forwardEvaluations).toBe(full.stats.forwardEvaluations);
      else expect(ck.stats.forwardEvaluations).toBeGreaterThan(full.stats.forwardEvaluations);
    }
    const k2 = run(p, { checkpointEvery: 2 });
    // Backward reads a0…a6 (matmul reads its vector input, tanh its output), never a z: at the end of
    // forward a1…a6 are held, each z went as soon as its tanh ran.
    expect(full.stats.peakLiveActivations).toBe(6);
    for (const s of full.steps) expect(typeof s.live).toBe('number');
    const endOfForward = full.steps.findIndex((s) => s.phase === 'seed');
    expect(full.steps[endOfForward]?.live).toBe(6);
    expect(full.steps.at(-1)?.live).toBe(0);
    expect(k2.stats.peakLiveActivations).toBeLessThan(full.stats.peakLiveActivations);
    const phases = k2.steps.map((s) => s.phase);
    expect(phases).toContain('free');
    expect(phases).toContain('recompute');
    // Recomputation happens during backward: the first recompute comes after the first backward step.
    const firstRecompute = k2.steps.find((s) => s.phase === 'recompute');
    const firstBackward = k2.steps.find((s) => s.phase === 'backward');
    expect(firstRecompute && firstBackward && firstRecompute.index > firstBackward.index).toBe(true);
  });

  /** Gradients of every leaf, bit for bit, and the draws of every stochastic node. */
  const sameRun = (p: ReturnType<typeof compile>, k: number, seed = 0) => {
    const full = run(p, { checkpointEvery: 0, seed });
    const ck = run(p, { checkpointEvery: k, seed });
    for (const [id, g] of full.grads)
      if (!p.nodes.get(id)?.op) expect(arr(ck.grads.get(id)?.data), `${id} at k = ${k}`).toEqual(arr(g.data));
    for (const id of p.order) {
      if (p.nodes.get(id)?.op?.stochastic)
        expect(arr(ck.values.get(id)?.data), `draws of ${id} at k = ${k}`).toEqual(arr(full.values.get(id)?.data));
    }
    return ck;
  };

  it('a skip connection across segments (h5 = h4 + h1) gives identical gradients for every k', () => {
    const nodes: NodeSpec[] = [L('x', [0.5, -0.3, 0.8])];
    for (let l = 1; l <= 6; l++) {
      const W = Array.from({ length: 3 }, (_, i) => Array.from({ length: 3 }, (_, j) => Math.cos(l * 5 + i * 2 + j) * 0.8));
      const prev = l === 1 ? 'x' : `h${l - 1}`;
      nodes.push(L(`W${l}`, W, 'param'), { ...N(`z${l}`, 'matmul', [`W${l}`, prev]), layer: l });
      if (l === 5) nodes.push({ ...N('t5', 'tanh', ['z5']), layer: 5 }, { ...N('h5', 'add', ['t5', 'h1']), layer: 5 });
      else nodes.push({ ...N(`h${l}`, 'tanh', [`z${l}`]), layer: l });
    }
    nodes.push(N('loss', 'sum', ['h6']));
    const p = compile(spec(nodes, 'loss'));
    for (const k of [1, 2, 3, 4, 5, 6, 7]) {
      const ck = sameRun(p, k);
      // Something was dropped and rebuilt (h1 among them at k ≥ 2: it is no checkpoint there).
      if (k >= 2) expect(ck.steps.some((s) => s.phase === 'recompute')).toBe(true);
    }
  });

  it('fan-out across segments and a stochastic layer: identical gradients and draws for every k', () => {
    const nodes: NodeSpec[] = [L('x', [0.2, -0.4]), L('theta', [0.1, -0.3], 'param')];
    for (let l = 1; l <= 5; l++) {
      const W = Array.from({ length: 2 }, (_, i) => Array.from({ length: 2 }, (_, j) => Math.sin(l * 3 + i + 2 * j)));
      const prev = l === 1 ? 'x' : `h${l - 1}`;
      nodes.push(L(`W${l}`, W, 'param'), { ...N(`z${l}`, 'matmul', [`W${l}`, prev]), layer: l });
      if (l === 2) {
        // A sampled gate inside a freed layer: recomputation must replay its draws, not redraw.
        nodes.push(
          { ...N('g', 'bernoulli', ['theta'], { samples: 1, cost: 'gc' }), layer: 2 },
          { ...N('gc', 'square', ['g']), layer: 2 },
          { ...N('gr', 'reshape', ['gc'], { shape: [2] }), layer: 2 },
          { ...N('h2', 'mul', ['z2', 'gr']), layer: 2 },
        );
      } else nodes.push({ ...N(`h${l}`, 'sigmoid', [`z${l}`]), layer: l });
    }
    // h1 fans out to the last layer and to the loss.
    nodes.push({ ...N('m', 'mul', ['h5', 'h1']), layer: 5 }, N('loss', 'sum', ['m']));
    const p = compile(spec(nodes, 'loss'));
    for (const k of [1, 2, 3, 4, 5, 6]) for (const seed of [0, 1, 2]) sameRun(p, k, seed);
  });

  it('the same seed draws the same samples with and without checkpointing; another seed draws others', () => {
    const p = compile(
      spec([
        L('theta', 0.3, 'param'),
        { ...N('z', 'bernoulli', ['theta'], { samples: 64, cost: 'c' }), layer: 1 },
        { ...N('c', 'square', ['z']), layer: 1 },
        { ...N('d', 'scale', ['c'], { by: 2 }), layer: 2 },
        N('J', 'mean', ['d']),
      ]),
    );
    const a = sameRun(p, 1, 7);
    expect(arr(a.values.get('z')?.data)).not.toEqual(arr(run(p, { seed: 8 }).values.get('z')?.data));
  });
});
