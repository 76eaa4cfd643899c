import type * as tf from '@tensorflow/tfjs';
import type { z } from 'zod';
import type { Commentary } from './commentary';
import type { Rng } from './random';
import type { OptionValue, Shape } from './types';

export type Tensor = tf.Tensor;

/** What an op may read besides its inputs. */
export interface OpContext {
  /** Seeded random source (stochastic ops only). */
  rng: Rng;
  /** Forward value of any node already evaluated: estimators read the cost they weight. */
  value(id: string): Tensor;
  options: Readonly<Record<string, OptionValue>>;
}

export interface VjpArgs<A> {
  inputs: Tensor[];
  output: Tensor;
  /** Gradient of the objective with respect to this op's output (same shape as output). */
  dy: Tensor;
  attrs: A;
  ctx: OpContext;
}

/**
 * A lazy gradient per input (like tfjs `gradFunc`): the engine calls only the ones it needs,
 * so a frozen parameter's gradient is never computed. `null` = not differentiable there.
 */
export type Vjp = ((() => Tensor) | null)[];

export interface Formula {
  /** KaTeX for the forward rule, e.g. `Y = AB`. */
  forward: string;
  /** KaTeX for each input's VJP, e.g. `\bar A = \bar Y B^\top`. */
  vjp: string[];
}

export interface OpDef<A = Record<string, never>> {
  name: string;
  /** Input slot names; arity is their count unless `variadic`. */
  inputs: readonly string[];
  /** Accept one or more inputs, all named `inputs[0]`. */
  variadic?: boolean;
  /** Validates and defaults `attrs`; errors name the attr. */
  attrs?: z.ZodType<A>;
  /** Short glyph for the canvas. */
  symbol: string;
  /** Output shape from input shapes; throws ShapeError naming the offending input. */
  shape(shapes: Shape[], attrs: A): Shape;
  forward(inputs: Tensor[], attrs: A, ctx: OpContext): Tensor;
  vjp(args: VjpArgs<A>): Vjp;
  formula: Formula;
  /** Elementwise with NumPy broadcasting: the engine sums gradients over broadcast axes. */
  broadcast?: boolean;
  /** Output is sampled: the VJP is an estimator, not a derivative. */
  stochastic?: boolean;
  /**
   * With `stochastic`: the draws are fixed per run (by the seed), and given them the op is a plain
   * function whose VJP is its exact derivative (dropout), so gradcheck checks it like any op.
   */
  exactGivenSamples?: boolean;
  /** The VJP deliberately differs from the derivative (straight-through estimators). */
  straightThrough?: boolean;
  /** Attrs that name other nodes: compile checks they exist and, if asked, share this op's output shape. */
  nodeRefs?: (attrs: A) => { field: string; id: string; sameShape?: boolean }[];
  /** One line for the step bar from the graph's names: what the step does, the local rule and its meaning. */
  commentary: Commentary;
}

/** Erases the attr type so every op fits in one registry list. */
export type AnyOp = OpDef<any>;

export function defineOp<A = Record<string, never>>(def: OpDef<A>): OpDef<A> {
  return def;
}
