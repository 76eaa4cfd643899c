import type * as tf from '@tensorflow/tfjs';
import type { z } from 'zod';
import type { Commentary } from './commentary';
import type { Rng } from './random';
import type { Shape } from './types';

export type Tensor = tf.Tensor;

/** What an op may read besides its inputs. */
export interface OpContext {
  /** Seeded random source (stochastic ops only). */
  rng: Rng;
  /** Forward value of a node the op names in `nodeRefs` (estimators read the cost they weight). */
  value(id: string): Tensor;
  /**
   * ∂objective/∂(node) for a node named in `nodeRefs`, complete when this op's backward runs
   * (the engine checks the node lies downstream); zeros when no gradient reaches it.
   */
  grad(id: string): Tensor;
}

/**
 * What the VJP reads (tfjs's inputsToSave / outputsToSave): the engine keeps exactly these
 * for backward, frees the rest, and hands the VJP `undefined` in the slots not saved.
 */
export interface Saves {
  /** Input slots whose values the VJP reads: `all`, or slot indices (`[]` = none). */
  inputs: 'all' | readonly number[];
  /** Whether the VJP reads the op's own output. */
  output: boolean;
}

export interface VjpArgs<A> {
  /** Input values in the slots `saves.inputs` names; `undefined` elsewhere. */
  inputs: readonly (Tensor | undefined)[];
  /** Shapes of every input (static: known without the values). */
  shapes: readonly Shape[];
  /** The op's output when `saves.output`. */
  output: Tensor | undefined;
  /** Gradient of the objective with respect to this op's output (same shape as output). */
  dy: Tensor;
  attrs: A;
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

/**
 * The op's row in the reference (`gradflow ops`), for people: plain text with Unicode maths and
 * Markdown code spans, where the KaTeX `formula` is for the explorer.
 */
export interface OpDoc {
  /** What it computes, e.g. `max(0, x)`. */
  forward: string;
  /** The gradient each input gets, e.g. `x̄ = 𝟙[x > 0] ⊙ ȳ`. */
  vjp: string;
  /** Broadcasting, ties, limits, what the engine flags. */
  notes?: string;
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
  vjp(args: VjpArgs<A>, ctx: OpContext): Vjp;
  /** What `vjp` reads; required, so every op states it. */
  saves: Saves;
  formula: Formula;
  doc: OpDoc;
  /** Elementwise with NumPy broadcasting: the engine sums gradients over broadcast axes. */
  broadcast?: boolean;
  /** Output is sampled: the VJP is an estimator, not a derivative. */
  stochastic?: boolean;
  /**
   * With `stochastic`: the draws are fixed per run (by the seed), and given them the op is a plain
   * function whose VJP is its exact derivative (dropout), so gradcheck checks it like any op.
   */
  exactGivenSamples?: boolean;
  /**
   * What a stochastic op drew in this run beyond its output (dropout's keep-mask), one entry per
   * output entry; the engine records it on the node's forward step so views can show it.
   */
  drawn?: (attrs: A, ctx: OpContext) => Float32Array | undefined;
  /** The VJP deliberately differs from the derivative (straight-through estimators). */
  straightThrough?: boolean;
  /** Attrs that name other nodes: compile checks they exist and, if asked, share this op's output shape. */
  nodeRefs?: (attrs: A) => { field: string; id: string; sameShape?: boolean }[];
  /** One line for the step bar from the graph's names: what the step does, the local rule and its meaning. */
  commentary: Commentary;
}

/**
 * An op as the language's tools know it without loading tfjs: name and input slots. The engine
 * side makes them from the registry (`opSignatures`); the explorer gets them from its worker.
 */
export interface OpSignature {
  name: string;
  /** Input slot names; one or more of `inputs[0]` when `variadic`. */
  inputs: readonly string[];
  variadic: boolean;
}

/** Erases the attr type so every op fits in one registry list. */
export type AnyOp = OpDef<any>;

export function defineOp<A = Record<string, never>>(def: OpDef<A>): OpDef<A> {
  return def;
}

/** Whether the VJP of `op` reads input `slot`. */
export const savesInput = (op: AnyOp, slot: number): boolean => op.saves.inputs === 'all' || op.saves.inputs.includes(slot);

/**
 * The VJP arguments as the engine passes them: only what the op declares it saves (the engine
 * may already have freed the rest). `shapes` default to the inputs' own.
 */
export function vjpArgs<A>(
  op: OpDef<A>,
  inputs: readonly (Tensor | undefined)[],
  output: Tensor | undefined,
  dy: Tensor,
  attrs: A,
  shapes: readonly Shape[] = inputs.map((t) => (t as Tensor).shape),
): VjpArgs<A> {
  return {
    inputs: inputs.map((t, i) => (savesInput(op, i) ? t : undefined)),
    shapes,
    output: op.saves.output ? output : undefined,
    dy,
    attrs,
  };
}
