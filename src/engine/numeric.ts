import type { Program } from '../core/compile';
import { execute } from './execute';

export interface FdOptions {
  /** Scalar node to differentiate. */
  of: string;
  /** Leaf to perturb. */
  wrt: string;
  values?: ReadonlyMap<string, Float32Array>;
  /** Step; default 1e-2, which with Richardson extrapolation suits float32 (docs/TOOLCHAIN.md). */
  h?: number;
  seed?: number;
}

/**
 * Central differences with one Richardson step: D = (4·D(h/2) − D(h)) / 3, truncation
 * O(h⁴). NOTE: tfjs computes in float32, so a small h drowns in rounding; h = 1e-2
 * keeps rounding near 1e-5 relative while truncation stays far below it.
 */
export function centralDifference(program: Program, o: FdOptions): Float32Array {
  const leaf = program.nodes.get(o.wrt);
  if (!leaf?.value) throw new Error(`"${o.wrt}" is not a leaf`);
  const base = o.values?.get(o.wrt) ?? leaf.value;
  const h = o.h ?? 1e-2;
  const f = (i: number, delta: number): number => {
    const v = Float32Array.from(base);
    v[i] = (v[i] as number) + delta;
    const values = new Map(o.values);
    values.set(o.wrt, v);
    const r = execute(program, { seedNode: o.of, values, seed: o.seed, forwardOnly: true });
    return r.values.get(o.of)?.data[0] as number;
  };
  const out = new Float32Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const d1 = (f(i, h) - f(i, -h)) / (2 * h);
    const d2 = (f(i, h / 2) - f(i, -h / 2)) / h;
    out[i] = (4 * d2 - d1) / 3;
  }
  return out;
}

/** ‖a − b‖ / max(‖a‖, ‖b‖, tiny): 0 for equal vectors, scale-free otherwise. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    diff += ((a[i] as number) - (b[i] as number)) ** 2;
    na += (a[i] as number) ** 2;
    nb += (b[i] as number) ** 2;
  }
  return Math.sqrt(diff) / Math.max(Math.sqrt(na), Math.sqrt(nb), 1e-12);
}
