/** Small helpers the issue-11 op tests share: forward values and a VJP for one fixed ȳ. */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { Program } from '../../../src/core/compile';
import { type AnyOp, type OpContext, type Tensor, type Vjp, vjpArgs } from '../../../src/core/op';
import type { AttrValue, Shape } from '../../../src/core/types';
import { run } from '../../../src/engine/run';
import { opContext, opNamed, parseAttrs } from './_check';

export interface Value {
  shape: Shape;
  data: number[];
}

/** What an op takes here: a 1-D literal, or shaped data (a Value, or an Arg of _check.ts). */
type Input = number[] | { shape: Shape; data: ArrayLike<number> };

const tensors = (xs: Input[]): Tensor[] => xs.map((x) => (Array.isArray(x) ? tf.tensor(x) : tf.tensor(Array.from(x.data), x.shape)));

/** An op's forward value for plain literals (1-D arrays) or shaped data. */
export function forwardValue(name: string, xs: Input[], raw: Record<string, AttrValue> = {}, seed = 0): Value {
  return tf.tidy(() => {
    const op = opNamed(name);
    const y = op.forward(tensors(xs), parseAttrs(op, raw), opContext(seed));
    return { shape: y.shape, data: Array.from(y.dataSync()) };
  });
}

/**
 * An op's VJP as the engine calls it: the one place these tests build VJP arguments, so a change
 * of the calling convention is made here once.
 */
export function callVjp(op: AnyOp, inputs: Tensor[], output: Tensor, dy: Tensor, attrs: unknown, ctx: OpContext): Vjp {
  // Only what the op declares it saves, as the engine passes it.
  return op.vjp(vjpArgs(op, inputs, output, dy, attrs), ctx);
}

/** Each slot's raw VJP (null where the op has none) for a given ȳ (default all ones). */
export function vjpValues(name: string, xs: (number[] | Value)[], raw: Record<string, AttrValue> = {}, dy?: number[]): (number[] | null)[] {
  let out: (number[] | null)[] = [];
  tf.tidy(() => {
    const op = opNamed(name);
    const attrs = parseAttrs(op, raw);
    const ins = tensors(xs);
    const ctx = opContext();
    const y = op.forward(ins, attrs, ctx);
    const dyT = dy ? tf.tensor(dy, y.shape) : tf.onesLike(y);
    out = callVjp(op, ins, y, dyT, attrs, ctx).map((t) => (t ? Array.from(t().dataSync()) : null));
  });
  return out;
}

/** A shaped literal. */
export const v = (shape: Shape, data: number[]): Value => ({ shape, data });

/** tf.memory().numTensors is flat across three more engine runs (seeds 1..3) after a first one. */
export function expectNoLeakAcrossRuns(program: Program): void {
  run(program, { seed: 0 });
  const before = tf.memory().numTensors;
  for (let seed = 1; seed < 4; seed++) run(program, { seed });
  expect(tf.memory().numTensors).toBe(before);
}
