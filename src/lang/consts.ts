import { f32 } from '../core/format';
import { fnv1a } from '../core/hash';
import { MAX_TENSOR_SIZE } from '../core/limits';
import { makeRng } from '../core/random';
import type { NestedNumber } from '../core/types';
import type { Expr, Span } from './ast';

/** A located problem, thrown while reading one statement and collected by the compiler. */
export class At extends Error {
  constructor(
    readonly span: Span,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Initialisers usable in a value: `zeros(3)`, `ones(2, 3)`, `full(2, 2, value=0.5)`, `randn(3, 2, seed=1)`, `uniform(4, low=-1, high=1)`. */
export const INITIALISERS: readonly string[] = ['zeros', 'ones', 'full', 'randn', 'uniform'];

/** The default seed of an initialiser, from the node it fills (stable, differs per node). */
export const seedOf = (text: string): number => fnv1a(text);

const map = (v: NestedNumber, f: (x: number) => number): NestedNumber => (typeof v === 'number' ? f(v) : v.map((x) => map(x, f)));

function zip(a: NestedNumber, b: NestedNumber, f: (x: number, y: number) => number, span: Span): NestedNumber {
  if (typeof a === 'number') return map(b, (y) => f(a, y));
  if (typeof b === 'number') return map(a, (x) => f(x, b));
  if (a.length !== b.length) throw new At(span, `the two constants differ in shape (${a.length} vs ${b.length} entries)`);
  return a.map((x, i) => zip(x, b[i] as NestedNumber, f, span));
}

function fill(dims: number[], f: () => number): NestedNumber {
  if (dims.length === 0) return f();
  const [d, ...rest] = dims as [number, ...number[]];
  return Array.from({ length: d }, () => fill(rest, f));
}

/** True when the expression has no names and no ops: its value is known while parsing. */
export function isConst(e: Expr): boolean {
  switch (e.k) {
    case 'num':
      return true;
    case 'name':
      return false;
    case 'array':
      return e.items.every(isConst);
    case 'neg':
      return isConst(e.x);
    case 'bin':
      return e.op !== '@' && e.op !== '·' && !(e.op === '^' && e.r.k === 'name') && isConst(e.l) && isConst(e.r);
    case 'call':
      return INITIALISERS.includes(e.fn) && e.args.every(isConst);
  }
}

/** A number, a literal array, or `-` of one: written out, not computed (kept exactly as written). */
export const isPlainLiteral = (e: Expr): boolean =>
  e.k === 'num' || (e.k === 'neg' && isPlainLiteral(e.x)) || (e.k === 'array' && e.items.every(isPlainLiteral));

const scalar = (e: Expr, what: string, seed: () => number): number => {
  const v = constValue(e, seed);
  if (typeof v !== 'number') throw new At(e, `${what} must be a number`);
  return v;
};

function initialiser(e: Extract<Expr, { k: 'call' }>, seed: () => number): NestedNumber {
  const dims = e.args.map((a) => {
    const d = scalar(a, 'a dimension', seed);
    if (!Number.isInteger(d) || d < 1) throw new At(a, `a dimension must be a positive integer, got ${d}`);
    return d;
  });
  if (dims.reduce((p, d) => p * d, 1) > MAX_TENSOR_SIZE) throw new At(e, `more than ${MAX_TENSOR_SIZE} entries`);
  const allowed: Record<string, string[]> = {
    zeros: [],
    ones: [],
    full: ['value'],
    randn: ['seed', 'mean', 'std'],
    uniform: ['seed', 'low', 'high'],
  };
  const kw: Record<string, number> = {};
  for (const k of e.kwargs) {
    if (!allowed[e.fn]?.includes(k.key)) {
      const ok = allowed[e.fn]?.join(', ') || 'none';
      throw new At(k, `${e.fn}() has no argument "${k.key}" (it takes: ${ok})`);
    }
    if (k.value.k === 'str' || k.value.k === 'bool' || k.value.k === 'null') throw new At(k.value, `${k.key} must be a number`);
    kw[k.key] = scalar(k.value, k.key, seed);
  }
  switch (e.fn) {
    case 'zeros':
      return fill(dims, () => 0);
    case 'ones':
      return fill(dims, () => 1);
    case 'full': {
      if (kw.value === undefined) throw new At(e, 'full() needs value=…');
      const v = kw.value;
      return fill(dims, () => v);
    }
    case 'randn': {
      const rng = makeRng(kw.seed ?? seed());
      const [m, s] = [kw.mean ?? 0, kw.std ?? 1];
      return fill(dims, () => m + s * rng.normal());
    }
    default: {
      const rng = makeRng(kw.seed ?? seed());
      const [lo, hi] = [kw.low ?? 0, kw.high ?? 1];
      return fill(dims, () => lo + (hi - lo) * rng.uniform());
    }
  }
}

/**
 * The value of a constant expression (null when it names a node or an op). `seed()` gives
 * the default seed of the next random initialiser in this statement.
 */
export function constValue(e: Expr, seed: () => number): NestedNumber | null {
  if (!isConst(e)) return null;
  switch (e.k) {
    case 'num':
      return e.v;
    case 'array':
      return e.items.map((x) => constValue(x, seed) as NestedNumber);
    case 'neg':
      return map(constValue(e.x, seed) as NestedNumber, (x) => -x);
    case 'call':
      return initialiser(e, seed);
    case 'bin': {
      const l = constValue(e.l, seed) as NestedNumber;
      const r = constValue(e.r, seed) as NestedNumber;
      const f = {
        '+': (x: number, y: number) => x + y,
        '-': (x: number, y: number) => x - y,
        '*': (x: number, y: number) => x * y,
        '/': (x: number, y: number) => x / y,
        '^': (x: number, y: number) => x ** y,
      }[e.op as '+' | '-' | '*' | '/' | '^'];
      const out = zip(l, r, f, e);
      let bad = false;
      map(out, (x) => {
        if (!Number.isFinite(x)) bad = true;
        return x;
      });
      if (bad) throw new At(e, 'this constant is not finite (division by zero or overflow)');
      return out;
    }
    default:
      return null;
  }
}

/** A computed constant rounded to the shortest decimal that is the same float32 (what the engine computes in). */
export const roundF32 = (v: NestedNumber): NestedNumber => map(v, (x) => f32(x) ?? x);
