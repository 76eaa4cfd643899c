import type { Program } from '../core/compile';
import { execute } from './execute';

/**
 * Finite differences, the one implementation behind gradcheck, the graph tests and the op
 * tests. tfjs computes in float32 (eps ≈ 1.2e-7): h = 1e-2, or for a large point also 1e-2
 * relative to its size (whichever reports the smaller uncertainty), and the points x ± h·v are
 * rounded to float32 first, so the
 * step divided by is the one actually taken. One Richardson step, (4·D(h/2) − D(h))/3, leaves
 * truncation at O(h⁴). Each estimate carries its own uncertainty: the float32 rounding of the
 * evaluations amplified by 1/h, plus |D(h/2) − D(h)|/3 (the error of the half step, a generous
 * bound on the extrapolated one), plus |s(h) − 4·s(h/2)|/h from the second differences
 * s(t) = f(x+t) + f(x−t) − 2f(x) (≈ 0 for a smooth f; of the size of the slope jump where a
 * kink is crossed).
 */
export const FD_STEP = 1e-2;
const EPS32 = 2 ** -23;
/** Rounding per evaluation, in ulps of the summed magnitude (typical, not worst case: a wrong VJP is off by far more). */
const NOISE_ULPS = 4;

/** A scalar function's value, and the size of what it summed (the scale its float32 rounding is relative to). */
export type Probe = (x: Float32Array) => { value: number; scale: number };

export interface Directional {
  /** The directional derivative estimate. */
  fd: number;
  /** The direction actually taken (float32-rounded points), to pair with a gradient: ⟨g, w⟩. */
  w: Float64Array;
  /** How far `fd` may be from the true derivative for float32 and truncation reasons. */
  uncertainty: number;
}

const rms = (x: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] as number) ** 2;
  return Math.sqrt(s / Math.max(1, x.length));
};

/** Candidate steps for a point: 1e-2 absolute, and 1e-2 relative to its size when that is larger. */
export const stepsFor = (x: ArrayLike<number>): number[] => (rms(x) > 1 ? [FD_STEP, FD_STEP * rms(x)] : [FD_STEP]);

/** x ± t·v rounded to float32, symmetric where float32 allows; `u` = (plus − minus)/2t. */
function points(x: Float32Array, v: ArrayLike<number>, t: number): { plus: Float32Array; minus: Float32Array; u: Float64Array } {
  const plus = new Float32Array(x.length);
  const minus = new Float32Array(x.length);
  const u = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const up = Math.fround(xi + t * (v[i] as number));
    const down = Math.fround(xi - t * (v[i] as number));
    // Step on the side that grows |x|: then the mirrored point is exact too.
    const d = Math.abs(up) >= Math.abs(down) ? up - xi : xi - down;
    plus[i] = xi + d;
    minus[i] = xi - d;
    u[i] = ((plus[i] as number) - (minus[i] as number)) / (2 * t);
  }
  return { plus, minus, u };
}

/**
 * The derivative of `f` at x along v. With several candidate steps, the one whose own
 * uncertainty is smallest — chosen before any gradient is looked at, never by agreement.
 */
export function directional(f: Probe, x: Float32Array, v: ArrayLike<number>, steps: readonly number[] = stepsFor(x)): Directional {
  let best: Directional | undefined;
  const f0 = f(x);
  for (const h of steps) {
    const d = directionalAt(f, f0, x, v, h);
    if (
      !best ||
      d.uncertainty / Math.max(Math.abs(d.fd), Number.MIN_VALUE) < best.uncertainty / Math.max(Math.abs(best.fd), Number.MIN_VALUE)
    )
      best = d;
  }
  return best as Directional;
}

function directionalAt(f: Probe, f0: { value: number; scale: number }, x: Float32Array, v: ArrayLike<number>, h: number): Directional {
  const p1 = points(x, v, h);
  const p2 = points(x, v, h / 2);
  const [a, b, c, d] = [f(p1.plus), f(p1.minus), f(p2.plus), f(p2.minus)];
  const d1 = (a.value - b.value) / (2 * h);
  const d2 = (c.value - d.value) / h;
  const fd = (4 * d2 - d1) / 3;
  const w = Float64Array.from(p1.u, (u1, i) => (4 * (p2.u[i] as number) - u1) / 3);
  const noise = (NOISE_ULPS * EPS32 * Math.max(a.scale, b.scale, c.scale, d.scale, f0.scale)) / h;
  // A kink crossed by both steps leaves D(h) ≈ D(h/2), both wrong; the second differences
  // expose it: s(h) ≈ 4·s(h/2) for a smooth f, s(h) ≈ 2·s(h/2) across a kink.
  const kink = Math.abs(a.value + b.value - 2 * f0.value - 4 * (c.value + d.value - 2 * f0.value)) / h;
  return { fd, w, uncertainty: 3 * noise + Math.abs(d2 - d1) / 3 + kink };
}

export type FdVerdict = 'pass' | 'fail' | 'inconclusive';

/**
 * One comparison of a directional FD with ⟨g, w⟩ at relative tolerance `tol`, on the scale
 * max(|fd|, |⟨g,w⟩|, typical) (typical = ‖g‖‖w‖/√n: a direction nearly orthogonal to g must
 * not turn rounding into a large relative error). pass: the difference is within tol and so is
 * the FD's own uncertainty; fail: the difference exceeds tol by more than 3× the uncertainty;
 * otherwise inconclusive (noise or a kink dominates).
 */
export function compareDirectional(d: Directional, g: ArrayLike<number>, tol: number): { verdict: FdVerdict; error: number } {
  let gw = 0;
  let gg = 0;
  let ww = 0;
  for (let i = 0; i < g.length; i++) {
    gw += (g[i] as number) * (d.w[i] as number);
    gg += (g[i] as number) ** 2;
    ww += (d.w[i] as number) ** 2;
  }
  const typical = Math.sqrt(gg * ww) / Math.sqrt(Math.max(1, g.length));
  const scale = Math.max(Math.abs(d.fd), Math.abs(gw), typical, Number.MIN_VALUE);
  const diff = Math.abs(d.fd - gw);
  const error = diff / scale;
  if (diff <= tol * scale && d.uncertainty <= tol * scale) return { verdict: 'pass', error };
  if (diff > tol * scale + 3 * d.uncertainty) return { verdict: 'fail', error };
  return { verdict: 'inconclusive', error };
}

/** Several directions into one verdict: any fail fails; all inconclusive is inconclusive. */
export function combine(vs: readonly FdVerdict[]): FdVerdict {
  if (vs.includes('fail')) return 'fail';
  return vs.includes('pass') ? 'pass' : 'inconclusive';
}

/** Per-entry partial derivatives of a probe (each entry its own direction eᵢ): for small tensors and tests. */
export function partials(f: Probe, x: Float32Array, h?: number): Float32Array {
  const out = new Float32Array(x.length);
  const e = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    e.fill(0);
    e[i] = 1;
    const d = directional(f, x, e, h === undefined ? stepsFor(x) : [h]);
    out[i] = d.fd / (d.w[i] as number);
  }
  return out;
}

export interface FdOptions {
  /** Scalar node to differentiate. */
  of: string;
  /** Leaf to perturb. */
  wrt: string;
  values?: ReadonlyMap<string, Float32Array>;
  h?: number;
  seed?: number;
}

/** ∂(of)/∂(wrt) entry by entry, by finite differences of the engine's forward pass. */
export function centralDifference(program: Program, o: FdOptions): Float32Array {
  const leaf = program.nodes.get(o.wrt);
  if (!leaf?.value) throw new Error(`"${o.wrt}" is not a leaf`);
  const base = Float32Array.from(o.values?.get(o.wrt) ?? leaf.value);
  const probe: Probe = (x) => {
    const values = new Map(o.values);
    values.set(o.wrt, x);
    const v = execute(program, { seedNode: o.of, values, seed: o.seed, forwardOnly: true }).values.get(o.of)?.data[0] as number;
    return { value: v, scale: Math.abs(v) };
  };
  return partials(probe, base, o.h);
}

/** ‖a − b‖ / max(‖a‖, ‖b‖, tiny): 0 for equal vectors, scale-free otherwise. The one relative error. */
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
