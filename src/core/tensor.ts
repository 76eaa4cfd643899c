// Not from ./schema: that pulls zod into the explorer's first download.
import { isFloat32Finite, MAX_RANK, MAX_TENSOR_SIZE } from './limits';
import type { NestedNumber, Shape } from './types';

/** A plain copy of a tensor: what a Trace stores so the UI never touches tfjs. */
export interface Snapshot {
  shape: Shape;
  data: Float32Array;
}

export const sizeOf = (shape: Shape): number => shape.reduce((a, b) => a * b, 1);

export const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

export const showShape = (s: Shape): string => (s.length === 0 ? 'scalar' : `[${s.join('×')}]`);

/**
 * Shape and flat data of a nested literal. Returns an error string (path included)
 * for ragged arrays, non-numbers, values not finite in float32, excessive depth or size.
 */
export function parseLiteral(v: unknown): { shape: Shape; data: Float32Array } | string {
  const shape: Shape = [];
  let probe: unknown = v;
  while (Array.isArray(probe)) {
    if (shape.length >= MAX_RANK) return `nested deeper than ${MAX_RANK} levels`;
    if (probe.length === 0) return 'empty array';
    shape.push(probe.length);
    probe = probe[0];
  }
  const size = sizeOf(shape);
  if (size > MAX_TENSOR_SIZE) return `${size} elements exceeds the limit of ${MAX_TENSOR_SIZE}`;
  const data = new Float32Array(size);
  let k = 0;
  // The path of the entry being read, as indices; spelt out (`[1][0]`) only for an error message.
  const at: number[] = [];
  const path = () => at.map((i) => `[${i}]`).join('');
  const walk = (x: unknown, depth: number): string | undefined => {
    if (depth === shape.length) {
      if (typeof x === 'number' && isFloat32Finite(x)) {
        data[k++] = x;
        return undefined;
      }
      if (typeof x !== 'number') return `${path() || 'value'} is ${x === null ? 'null' : typeof x}, expected a number`;
      if (!Number.isFinite(x)) return `${path() || 'value'} is ${x}, expected a finite number`;
      return `${path() || 'value'} is ${x}, not finite in float32 (|x| ≤ 3.4028235e38): it would compute as ${Math.fround(x)}`;
    }
    if (!Array.isArray(x) || x.length !== shape[depth]) return `ragged array at ${path() || 'top level'}: expected ${shape[depth]} entries`;
    at.push(0);
    for (let i = 0; i < x.length; i++) {
      at[depth] = i;
      const err = walk(x[i], depth + 1);
      if (err) return err;
    }
    at.pop();
    return undefined;
  };
  const err = walk(v, 0);
  return err ?? { shape, data };
}

/** Nested array (or number) from flat data, for JSON output. */
export function toNested(s: Snapshot): NestedNumber {
  if (s.shape.length === 0) return s.data[0] as number;
  let k = 0;
  const build = (depth: number): NestedNumber => {
    const out: NestedNumber[] = [];
    for (let i = 0; i < (s.shape[depth] as number); i++) {
      out.push(depth === s.shape.length - 1 ? (s.data[k++] as number) : build(depth + 1));
    }
    return out;
  };
  return build(0);
}

export function norm(data: Float32Array): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += (data[i] as number) ** 2;
  return Math.sqrt(s);
}

export function isAllFinite(data: Float32Array): boolean {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return false;
  return true;
}
