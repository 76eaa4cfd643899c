import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { arg } from '../commentary';
import { defineOp, type OpContext, type Tensor } from '../op';

const attrs = z.object({
  /** Probability of dropping an entry; kept entries are scaled by 1/(1 − p) (inverted dropout). */
  p: z.number().min(0).lt(1).default(0.5),
});
export type DropoutAttrs = z.infer<typeof attrs>;

/**
 * The keep-mask (1 kept, 0 dropped) a dropout node drew, per run context and node. An op sees
 * neither a node id nor the run, but within one run the engine hands every evaluation of a node
 * the same context and the same compiled attrs object: so a node draws its mask once per run,
 * a recompute under checkpointing reuses it, and the VJP (which cannot read the mask back from
 * the output: a kept 0 looks like a dropped entry) multiplies by the very mask the forward used.
 */
const drawn = new WeakMap<OpContext, WeakMap<object, Float32Array>>();

function maskFor(ctx: OpContext, attrs: DropoutAttrs, size: number): Float32Array {
  let perNode = drawn.get(ctx);
  if (!perNode) {
    perNode = new WeakMap();
    drawn.set(ctx, perNode);
  }
  let mask = perNode.get(attrs);
  if (mask?.length !== size) {
    mask = new Float32Array(size);
    for (let i = 0; i < size; i++) mask[i] = ctx.rng.uniform() < attrs.p ? 0 : 1;
    perNode.set(attrs, mask);
  }
  return mask;
}

/**
 * Inverted dropout: y = x ⊙ m / (1 − p) with m ~ Bernoulli(1 − p) per entry, drawn from the
 * run's seeded rng (same seed, same mask). Given the mask the op is linear, so its VJP is the
 * exact derivative of this sample: x̄ = ȳ ⊙ m / (1 − p). p = 0 keeps everything (identity).
 */
export const dropout = defineOp<DropoutAttrs>({
  name: 'dropout',
  inputs: ['x'],
  symbol: 'dropout',
  stochastic: true,
  exactGivenSamples: true,
  // The keep-mask this node drew in the run, recorded on its forward step (Step.drawn).
  drawn: (attrs, ctx) => {
    const mask = drawn.get(ctx)?.get(attrs);
    return mask && Float32Array.from(mask);
  },
  attrs,
  shape: ([x]) => x as number[],
  forward: ([x], attrs, ctx) => {
    const t = x as Tensor;
    const { p } = attrs;
    const mask = maskFor(ctx, attrs, t.size);
    // + 0 turns the −0 of a dropped negative entry into 0.
    const y = tf.add(tf.mul(t, tf.mul(tf.tensor(mask, t.shape, 'float32'), 1 / (1 - p))), 0);
    return y;
  },
  // The mask lives with the run (ctx), not in a saved tensor.
  saves: { inputs: [], output: false },
  vjp: ({ dy, attrs }, ctx) => [
    () => {
      const mask = drawn.get(ctx)?.get(attrs);
      if (mask?.length !== dy.size) throw new Error('dropout: no mask drawn in this run for this node (its forward runs first)');
      return tf.mul(dy, tf.mul(tf.tensor(mask, dy.shape, 'float32'), 1 / (1 - attrs.p)));
    },
  ],
  formula: {
    forward: 'y = \\frac{m \\odot x}{1 - p},\\quad m_i \\sim \\operatorname{Bernoulli}(1 - p)',
    vjp: ['\\bar x = \\frac{m \\odot \\bar y}{1 - p}'],
  },
  doc: {
    forward: 'x ⊙ m / (1 − p), mᵢ ~ Bernoulli(1 − p), seeded',
    vjp: 'x̄ = ȳ ⊙ m / (1 − p): the same mask',
    notes:
      'stochastic (inverted dropout); one mask per node per run, reused on recompute and recorded on the forward step (`Step.drawn`); p = 0 is the identity',
  },
  commentary: {
    forward: (n) =>
      `${n.y} = dropout(${arg(n, 0)}): each entry zeroed with probability ${n.attrs.p}, survivors scaled by 1/(1 − ${n.attrs.p})`,
    backward: (n) =>
      `dropout backward: ${arg(n, 0)} gets ${n.dy}/(1 − ${n.attrs.p}) on the kept entries and 0 on the dropped ones — the forward pass's mask again`,
  },
});
