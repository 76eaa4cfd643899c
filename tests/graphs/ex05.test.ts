import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import draws from '../../graphs/data/ex05-draws.json';
import { ex05 } from '../../graphs/ex05-gradient-checkpointing';
import type { Program } from '../../src/core/compile';
import { savesInput } from '../../src/core/op';
import { makeRng } from '../../src/core/random';
import { norm } from '../../src/core/tensor';
import { execute } from '../../src/engine/execute';
import { runExercise } from '../../src/engine/exercise';
import { centralDifference, relativeError } from '../../src/engine/numeric';
import type { Step } from '../../src/engine/trace';

const K = [0, 1, 2, 3, 4, 5];
const weights = Array.from({ length: 10 }, (_, l) => `W${l + 1}`);
const defaultWs = draws.W.map((W) => W.map((row) => row.map((v) => v * 0.5))); // √(2/8) = 0.5
const e = (n: number, i: number) => Array.from({ length: n }, (_, j) => (j === i ? 1 : 0));

/** L = ½‖a₁₀ − y‖² built from tfjs ops; gradients wrt x and every W by tf.grads. */
function tfGrads(x: number[], y: number[], Ws: number[][][]): Float32Array[] {
  return tf.tidy(() => {
    const f = (xt: tf.Tensor, ...Wt: tf.Tensor[]) => {
      let a = xt;
      for (const W of Wt) a = tf.relu(tf.reshape(tf.matMul(W, tf.reshape(a, [-1, 1])), [-1]));
      return tf.mul(0.5, tf.sum(tf.square(tf.sub(a, tf.tensor1d(y)))));
    };
    return tf
      .grads(f)([tf.tensor1d(x), ...Ws.map((W) => tf.tensor2d(W))])
      .map((g) => g.dataSync() as Float32Array);
  });
}

const gradsAt = (p: Program, k: number) => execute(p, { seedNode: 'loss', checkpointEvery: k }).grads;

/**
 * Replays the steps with a set of live nodes: forward/recompute make a node live, free drops it,
 * and every backward step must find live what its VJP reads.
 */
function replayLiveness(p: Program, steps: Step[]): string[] {
  const live = new Set<string>();
  const problems: string[] = [];
  const freed = new Set<string>();
  for (const s of steps) {
    if (s.phase === 'forward' || s.phase === 'recompute') {
      if (s.phase === 'recompute' && !freed.has(s.node)) problems.push(`recompute of ${s.node}, which was never freed`);
      live.add(s.node);
    } else if (s.phase === 'free') {
      if (!live.has(s.node)) problems.push(`free of ${s.node}, which is not live`);
      live.delete(s.node);
      freed.add(s.node);
    } else if (s.phase === 'backward') {
      const n = p.nodes.get(s.node);
      // What the op's VJP reads, per its `saves` declaration.
      const op = n?.op;
      const reads = [...(op?.saves.output ? [s.node] : []), ...(n?.inputs ?? []).filter((_, i) => op && savesInput(op, i))];
      for (const id of reads) {
        if (p.nodes.get(id)?.op && !live.has(id)) problems.push(`backward of ${s.node} needs ${id}, which is not live`);
      }
    }
  }
  return problems;
}

describe('ex05 gradient checkpointing', () => {
  const r = runExercise(ex05);

  it('runs the notebook’s checks plus the memory comparison, all passing for every k', () => {
    expect(r.checks.map((c) => c.name)).toEqual([
      '(c) Losses match',
      ...Array.from({ length: 10 }, (_, l) => `Layer ${l} gradient`),
      '(d) Memory reduction',
    ]);
    for (const k of K) {
      const rk = k === 3 ? r : runExercise(ex05, { options: { checkpoint_every: k } });
      expect(rk.trace.checkpointEvery).toBe(k);
      for (const c of rk.checks) expect(c.pass, `${c.name}, k = ${k}`).toBe(true);
    }
  });

  it('gives the true loss and gradients at the notebook’s draws', () => {
    // Float64 NumPy (gen_ex04_ex05.py): the notebook's loss, and gradient norms checked by finite differences.
    expect(Math.abs((r.trace.values.get('loss')?.data[0] as number) / 0.306718358572129 - 1)).toBeLessThan(1e-6);
    const trueNorms = [1.6401242, 1.2138002, 1.5618499, 0.56257027, 0.44584568, 0.35122961, 0.5571358, 0.29714329, 0.29618966, 0.17015177];
    weights.forEach((w, l) => {
      expect(Math.abs(norm(r.trace.grads.get(w)?.data as Float32Array) / (trueNorms[l] as number) - 1), w).toBeLessThan(1e-5);
    });
    // Row 2 of dW1 as the notebook's standard backprop prints it (right here, see ex05 notes).
    const row = Array.from(r.trace.grads.get('W1')?.data.slice(8, 11) ?? []);
    expect(relativeError(row, [-0.04580885, 0.2276934, -0.0354143])).toBeLessThan(1e-6);
  });

  it('matches tf.grads and finite differences at the defaults', () => {
    const g = tfGrads(draws.x, e(8, 0), defaultWs);
    ['x', ...weights].forEach((id, i) => {
      expect(relativeError(r.trace.grads.get(id)?.data ?? [], g[i] as Float32Array), id).toBeLessThan(1e-5);
    });
    for (const id of ['x', 'W1', 'W5', 'W10']) {
      const fd = centralDifference(r.program, { of: 'loss', wrt: id });
      expect(relativeError(r.trace.grads.get(id)?.data ?? [], fd), id).toBeLessThan(1e-3);
    }
  });

  it('applies relu′(z₁₀) at the seed: with y = e₁ (z₁₀[1] < 0) row 1 of dW₁₀ is zero', () => {
    expect(r.trace.values.get('z10')?.data[1]).toBeLessThan(0);
    const ry = runExercise(ex05, { inputs: { y: e(8, 1) } });
    const dW10 = ry.trace.grads.get('W10')?.data as Float32Array;
    expect(Array.from(dW10.slice(8, 16))).toEqual(new Array(8).fill(0));
    // The notebook's seed a₁₀ − y would put −a₉ there instead.
    expect(norm(ry.trace.values.get('a9')?.data as Float32Array)).toBeGreaterThan(0.1);
    const g = tfGrads(draws.x, e(8, 1), defaultWs);
    expect(relativeError(dW10, g[10] as Float32Array)).toBeLessThan(1e-5);
    for (const c of ry.checks) expect(c.pass, c.name).toBe(true);
  });

  it('takes other inputs and another width (n = 4): gradients match tf.grads and FD for every k', () => {
    const rng = makeRng(8);
    const n = 4;
    const vec = () => Array.from({ length: n }, () => rng.normal());
    const Ws = Array.from({ length: 10 }, () => Array.from({ length: n }, () => vec().map((v) => v * Math.sqrt(2 / n))));
    const x = vec();
    const y = vec();
    const inputs = { x, y, ...Object.fromEntries(Ws.map((W, l) => [`W${l + 1}`, W])) };
    const rn = runExercise(ex05, { inputs });
    expect(rn.trace.shapes.get('z4')).toEqual([n]);
    const g = tfGrads(x, y, Ws);
    ['x', ...weights].forEach((id, i) => {
      expect(relativeError(rn.trace.grads.get(id)?.data ?? [], g[i] as Float32Array), id).toBeLessThan(1e-5);
    });
    // Finite differences hold away from relu's kinks: no pre-activation lies near 0 at this draw.
    const zs = Array.from({ length: 10 }, (_, l) => Array.from(rn.trace.values.get(`z${l + 1}`)?.data ?? [])).flat();
    expect(Math.min(...zs.map(Math.abs))).toBeGreaterThan(0.05);
    for (const id of ['x', 'W1', 'W10']) {
      const fd = centralDifference(rn.program, { of: 'loss', wrt: id });
      expect(relativeError(rn.trace.grads.get(id)?.data ?? [], fd), id).toBeLessThan(1e-3);
    }
    const full = gradsAt(rn.program, 0);
    for (const k of K) {
      const gk = gradsAt(rn.program, k);
      for (const id of ['x', ...weights])
        expect(Array.from(gk.get(id)?.data ?? []), `${id}, k = ${k}`).toEqual(Array.from(full.get(id)?.data ?? []));
    }
    for (const c of rn.checks) expect(c.pass, c.name).toBe(true);
  });

  it('gives bit-identical gradients for every k at the defaults', () => {
    const full = gradsAt(r.program, 0);
    for (const k of K.slice(1)) {
      const gk = gradsAt(r.program, k);
      expect([...gk.keys()].sort()).toEqual([...full.keys()].sort());
      for (const [id, s] of full) expect(Array.from(gk.get(id)?.data ?? []), `${id}, k = ${k}`).toEqual(Array.from(s.data));
    }
  });

  it('frees, recomputes and backpropagates in a sound order for k = 3', () => {
    const seq = r.trace.steps.map((s) => `${s.phase}:${s.node}`);
    const seg = (from: number, to: number) => {
      const out: string[] = [];
      for (let l = from; l <= to; l++) out.push(`recompute:z${l}`, ...(l % 3 === 0 ? [] : [`recompute:a${l}`]));
      return out;
    };
    // relu reads z_l, matmul reads a_{l−1}: each goes right after its last reader; a rebuilt a_{l−1}
    // is announced, a checkpoint just goes.
    const back = (l: number) => [`backward:a${l}`, `free:z${l}`, `backward:z${l}`, ...((l - 1) % 3 !== 0 ? [`free:a${l - 1}`] : [])];
    const forward: string[] = [];
    for (let l = 1; l <= 10; l++) {
      // z_l is dropped once a_l exists; a_{l−1} once z_l used it, unless a_{l−1} is a checkpoint.
      forward.push(`forward:z${l}`, ...(l > 1 && (l - 1) % 3 !== 0 ? [`free:a${l - 1}`] : []), `forward:a${l}`, `free:z${l}`);
    }
    expect(seq).toEqual([
      ...forward,
      'forward:loss',
      'seed:loss',
      'backward:loss',
      // Segment 4 is layer 10 alone: only z10 was dropped.
      'recompute:z10',
      ...back(10),
      // Segments (6, 9], (3, 6], (0, 3]: rebuilt from a6, a3, x, then walked back.
      ...[9, 6, 3].flatMap((top) => [...seg(top - 2, top), ...back(top), ...back(top - 1), ...back(top - 2)]),
    ]);
    expect(r.trace.steps.find((s) => s.phase === 'recompute')?.commentary).toMatch(/^recompute z10 from the last checkpoint: /);
    const line = (node: string) => r.trace.steps.find((s) => s.phase === 'backward' && s.node === node)?.commentary ?? '';
    expect(line('a10')).toContain('without relu′');
    for (const l of [3, 6, 9]) expect(line(`a${l}`)).toContain('skips this relu′');
    expect(line('a5')).toContain('recomputed from the last checkpoint');
    for (const k of K) {
      const t = k === 3 ? r.trace : runExercise(ex05, { options: { checkpoint_every: k } }).trace;
      expect(replayLiveness(r.program, t.steps), `k = ${k}`).toEqual([]);
    }
  });

  it('reports memory and compute: 7 live activations and 37 evaluations at k = 3 vs 20 and 21', () => {
    // Live = what a later step reads (relu reads z, matmul its input a, the loss a10). Without
    // checkpointing that is z1…z10 and a1…a10 at the end of forward: 20. k = 3 keeps a3, a6, a9, a10;
    // the peak is while (6, 9] is rebuilt: a3 a6 + z7 a7 z8 a8 z9 (a9 and a10 already went).
    // Recomputation adds z10 (1) and 5 ops for each of the other three segments: 21 + 16 = 37.
    expect(r.blocks.stats).toEqual({
      peak_live_activations: 7,
      forward_evaluations: 37,
      peak_live_activations_without_checkpointing: 20,
      forward_evaluations_without_checkpointing: 21,
    });
    expect(r.blocks.tables?.[0]?.rows).toEqual([
      ['0 (keep all)', 20, 21],
      [1, 11, 31],
      [2, 7, 36],
      [3, 7, 37],
      [4, 8, 38],
      [5, 10, 39],
    ]);
    const r0 = runExercise(ex05, { options: { checkpoint_every: 0 } });
    expect(r0.blocks.stats?.peak_live_activations).toBe(20);
    expect(r0.trace.steps.some((s) => s.phase === 'free' || s.phase === 'recompute')).toBe(false);
    // With k = 0 the checks compare the notebook's k = 3 against it.
    expect(r0.checks.at(-1)?.got).toBe('7 live activations at peak, 37 op evaluations');
  });

  it('leaks no tensors across repeated runs', () => {
    runExercise(ex05);
    const before = tf.memory().numTensors;
    for (const k of [0, 3]) runExercise(ex05, { options: { checkpoint_every: k } });
    expect(tf.memory().numTensors).toBe(before);
  });
});
