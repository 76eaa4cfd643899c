/**
 * Shared helpers for the op tests: seeded inputs, and the two independent references every
 * VJP is checked against — tf.grads of the op's own forward, and central finite differences.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { broadcastAxes } from '../../../src/core/broadcast';
import { compile } from '../../../src/core/compile';
import { GraphError, ShapeError } from '../../../src/core/errors';
import { type AnyOp, type OpContext, type Tensor, vjpArgs } from '../../../src/core/op';
import { makeRng, type Rng } from '../../../src/core/random';
import { REGISTRY } from '../../../src/core/registry';
import type { AttrValue, NestedNumber, Shape } from '../../../src/core/types';
import { FD_STEP, partials, relativeError } from '../../../src/engine/numeric';

/** VJP vs tf.grads: same maths in float32, so only rounding separates them. */
export const TOL_TF = 1e-5;
/** VJP vs float32 finite differences (src/engine/numeric.ts: rounding ~1e-5, truncation O(h⁴)). */
export const TOL_FD = 1e-3;

/** Every registered op in exactly one family; coverage.test.ts checks the union is ALL_OPS. */
export const FAMILIES = {
  elementwise: ['neg', 'square', 'pow', 'exp', 'log', 'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'scale'],
  binary: ['add', 'sub', 'mul', 'div'],
  linalg: ['matmul', 'transpose', 'outer', 'dot', 'half_squared_error'],
  reductions: ['sum', 'mean', 'reshape', 'stack', 'pick'],
  attention: ['softmax', 'attn_scores'],
  special: ['round_ste', 'bernoulli'],
  nonlinear2: ['abs', 'sqrt', 'leaky_relu', 'gelu', 'softplus'],
  binary2: ['maximum', 'minimum'],
  reductions2: ['max', 'logsumexp', 'log_softmax'],
  cross_entropy: ['softmax_cross_entropy'],
  layer_norm: ['layer_norm'],
  dropout: ['dropout'],
} as const;

/**
 * Shape pairs for the broadcasting binary ops (add … div, maximum, minimum): equal shapes,
 * trailing-axis and size-1 broadcasts, scalars either side, a rank mismatch.
 */
export const BROADCAST_PAIRS: readonly [Shape, Shape][] = [
  [[], []],
  [[5], [5]],
  [
    [3, 4],
    [3, 4],
  ],
  [[3, 4], [4]],
  [[4], [3, 4]],
  [
    [3, 1],
    [1, 4],
  ],
  [[], [3, 4]],
  [[3, 4], []],
  [
    [2, 1, 4],
    [3, 1],
  ],
];

/** `[3,4] with [4]`: a shape pair's test name. */
export const pairName = ([a, b]: readonly [Shape, Shape]): string => `${JSON.stringify(a)} with ${JSON.stringify(b)}`;

export function opNamed(name: string): AnyOp {
  const op = REGISTRY.get(name);
  if (!op) throw new Error(`no op "${name}"`);
  return op;
}

/** Validates attrs through the op's schema (fills defaults), as compile does. */
export function parseAttrs(op: AnyOp, raw: Record<string, AttrValue> = {}): any {
  return op.attrs ? op.attrs.parse(raw) : raw;
}

export type Sampler = (rng: Rng) => number;
export const uniform =
  (lo: number, hi: number): Sampler =>
  (r) =>
    lo + (hi - lo) * r.uniform();
/** ±[lo, hi]: keeps entries off 0 (relu's kink, the poles of log and div). */
export const awayFromZero =
  (lo: number, hi: number): Sampler =>
  (r) =>
    (r.uniform() < 0.5 ? -1 : 1) * (lo + (hi - lo) * r.uniform());
/** n + f with f in [0.1, 0.4] ∪ [0.6, 0.9]: round's jumps at n + ½ stay far beyond h. */
export const awayFromHalf: Sampler = (r) => Math.floor(-3 + 6 * r.uniform()) + (r.uniform() < 0.5 ? 0.1 : 0.6) + 0.3 * r.uniform();

/** One op input: a shape and its float32 data. */
export interface Arg {
  shape: Shape;
  data: Float32Array;
}

const sizeOf = (s: Shape) => s.reduce((a, b) => a * b, 1);

export function arg(rng: Rng, shape: Shape, sample: Sampler = uniform(-2, 2)): Arg {
  const data = new Float32Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = sample(rng);
  return { shape, data };
}

/** A context for ops that read nothing but (maybe) the rng. */
export function opContext(seed = 0, values: Record<string, Tensor> = {}, grads: Record<string, Tensor> = {}): OpContext {
  return {
    rng: makeRng(seed),
    value: (id) => {
      const t = values[id];
      if (!t) throw new Error(`no value "${id}"`);
      return t;
    },
    grad: (id) => {
      const t = grads[id];
      if (!t) throw new Error(`no gradient "${id}"`);
      return t;
    },
  };
}

const toTensors = (args: Arg[]): Tensor[] => args.map((a) => tf.tensor(a.data, a.shape));

/** ∂⟨dy, f(x)⟩/∂x entry by entry, by the engine's finite differences (src/engine/numeric.ts). */
export function finiteDiffVjp(op: AnyOp, attrs: unknown, args: Arg[], slot: number, dy: Float32Array, h = FD_STEP): Float32Array {
  const probe = (data: Float32Array) => {
    const y = tf.tidy(() =>
      op.forward(toTensors(args.map((a, i) => (i === slot ? { shape: a.shape, data } : a))), attrs, opContext()).dataSync(),
    );
    let value = 0;
    let scale = 0;
    for (let i = 0; i < y.length; i++) {
      value += (dy[i] as number) * (y[i] as number);
      scale += Math.abs((dy[i] as number) * (y[i] as number));
    }
    return { value, scale };
  };
  return partials(probe, Float32Array.from((args[slot] as Arg).data), h);
}

export interface VjpReport {
  outShape: Shape;
  /** Shape of each slot's raw VJP (broadcast ops: the output's shape). */
  rawShapes: Shape[];
  /** Each slot's VJP summed over broadcast axes, as the engine does. */
  vjps: Float32Array[];
  tfGrads: Float32Array[];
  fd: Float32Array[];
  vsTfGrads: number[];
  vsFiniteDiff: number[];
  dy: Float32Array;
}

/** Runs an op's VJP with a seeded random dy and computes both references for every slot. */
export function vjpReport(op: AnyOp, args: Arg[], rawAttrs: Record<string, AttrValue> = {}, seed = 1): VjpReport {
  const attrs = parseAttrs(op, rawAttrs);
  const rng = makeRng(seed);
  const r = tf.tidy(() => {
    const xs = toTensors(args);
    const ctx = opContext();
    const y = op.forward(xs, attrs, ctx);
    const dyT = tf.tensor(
      Float32Array.from({ length: y.size }, () => rng.normal()),
      y.shape,
    );
    // Only what the op declares it saves: a wrong `saves` fails the op's tests.
    const thunks = op.vjp(vjpArgs(op, xs, y, dyT, attrs), ctx);
    const raw = thunks.map((t) => (t ? t() : null));
    const vjps = raw.map((g, i) => {
      if (!g) throw new Error(`${op.name}: slot ${i} has no VJP`);
      const want = (args[i] as Arg).shape;
      return op.broadcast && g.shape.join() !== want.join() ? tf.reshape(tf.sum(g, broadcastAxes(want, g.shape)), want) : g;
    });
    const tfGrads = tf.grads((...a: Tensor[]) => op.forward(a, attrs, ctx))(xs, dyT);
    return {
      outShape: y.shape,
      rawShapes: raw.map((g) => (g as Tensor).shape),
      vjps: vjps.map((g) => g.dataSync() as Float32Array),
      tfGrads: tfGrads.map((g) => g.dataSync() as Float32Array),
      dy: dyT.dataSync() as Float32Array,
    };
  });
  const fd = args.map((_, i) => finiteDiffVjp(op, attrs, args, i, r.dy));
  return {
    ...r,
    fd,
    vsTfGrads: r.vjps.map((g, i) => relativeError(g, r.tfGrads[i] as Float32Array)),
    vsFiniteDiff: r.vjps.map((g, i) => relativeError(g, fd[i] as Float32Array)),
  };
}

/**
 * The standard check: output shape agrees with the op's shape rule, each raw VJP has the
 * input's shape (the broadcast shape for broadcast ops), both references agree, nothing leaks.
 */
export function expectVjpCorrect(op: AnyOp, args: Arg[], rawAttrs: Record<string, AttrValue> = {}, seed = 1): VjpReport {
  const before = tf.memory().numTensors;
  const r = vjpReport(op, args, rawAttrs, seed);
  expect(tf.memory().numTensors).toBe(before);
  const attrs = parseAttrs(op, rawAttrs);
  expect(r.outShape).toEqual(
    op.shape(
      args.map((a) => a.shape),
      attrs,
    ),
  );
  args.forEach((a, i) => {
    expect(r.rawShapes[i]).toEqual(op.broadcast ? r.outShape : a.shape);
    expect(r.vsTfGrads[i], `${op.name} slot ${i} vs tf.grads`).toBeLessThan(TOL_TF);
    expect(r.vsFiniteDiff[i], `${op.name} slot ${i} vs finite differences`).toBeLessThan(TOL_FD);
  });
  return r;
}

/** A nested zero literal of a shape, for graphs built only to trip a shape rule. */
function zeros(shape: Shape): NestedNumber {
  if (shape.length === 0) return 0;
  const [n, ...rest] = shape;
  return Array.from({ length: n as number }, () => zeros(rest));
}

/**
 * The shape rule throws a ShapeError naming `field`, and compile turns it into a GraphError
 * located at the node, on `inputs[slot]` (an input field) or the attr path, naming the source.
 */
export function expectShapeError(opName: string, shapes: Shape[], rawAttrs: Record<string, AttrValue>, field: string): void {
  const op = opNamed(opName);
  let thrown: unknown;
  try {
    op.shape(shapes, parseAttrs(op, rawAttrs));
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(ShapeError);
  expect((thrown as ShapeError).field).toBe(field);

  const ids = shapes.map((_, i) => `in${i}`);
  const spec = {
    nodes: [
      ...shapes.map((s, i) => ({ id: ids[i] as string, op: 'leaf', value: zeros(s), role: 'input' as const })),
      { id: 'y', op: opName, inputs: ids, attrs: rawAttrs },
    ],
    objectives: [{ name: 'J', node: 'y' }],
  };
  let graphErr: unknown;
  try {
    compile(spec);
  } catch (e) {
    graphErr = e;
  }
  expect(graphErr).toBeInstanceOf(GraphError);
  const p = (graphErr as GraphError).problems[0];
  const slot = op.inputs.indexOf(field);
  expect(p?.node).toBe('y');
  expect(p?.field).toBe(slot >= 0 ? `inputs[${slot}]` : field);
  if (slot >= 0) expect(p?.message).toContain(`"${ids[slot]}"`);
}
