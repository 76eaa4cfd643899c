import { MAX_WRITTEN_ENTRIES } from './limits';
import { type Snapshot, showShape, toNested } from './tensor';
import type { NestedNumber } from './types';

/**
 * The one number formatter of the project (CLI output, canvas, inspector, panels). DOM-free:
 * strings and plain values only.
 */

/** Shortest decimal that reads back as the same float32 (0.0722, not 0.0722000002861023); null for NaN/±∞. */
export function f32(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  const target = Math.fround(x);
  for (let p = 1; p <= 9; p++) {
    const y = Number(x.toPrecision(p));
    if (Math.fround(y) === target) return y;
  }
  return x;
}

/** `f32` as text: 0.1f prints as `0.1`, not 0.10000000149011612; NaN and ±Infinity as JavaScript writes them. */
export const f32Text = (x: number): string => String(f32(x) ?? x);

/** A nested literal as JSON with float32-shortest numbers. */
export const f32Json = (v: unknown): string => JSON.stringify(v, (_, x) => (typeof x === 'number' ? (f32(x) ?? x) : x));

/** A number to read: `digits` significant digits, scientific when tiny or huge, `−` for minus, ∞ for infinity. */
export function fmt(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  // scientific: `digits - 1` significant digits, trailing zeros dropped (4e−4, 1.25e−9)
  const s = a < 1e-3 || a >= 1e5 ? sci(x, Math.max(0, digits - 2)) : Number(x.toPrecision(digits)).toString();
  return s.replace(/-/g, '−');
}

const sci = (x: number, decimals: number): string => {
  const [m, e] = x.toExponential(decimals).split('e') as [string, string];
  return `${m.includes('.') ? m.replace(/\.?0+$/, '') : m}e${e.replace('+', '')}`;
};

/** Always scientific (a gradient norm on an edge): `digits` significant digits, zeros dropped, `−` for minus (3.2e−9, 8e0). */
export function fmtSci(x: number, digits = 2): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  return sci(x, Math.max(0, digits - 1)).replace(/-/g, '−');
}

/** A small tensor written out (`[[0.1, 2], …]`); larger ones by shape only. */
export function fmtTensor(s: Snapshot, maxEntries = MAX_WRITTEN_ENTRIES): string {
  if (s.shape.length === 0) return fmt(s.data[0] as number);
  if (s.data.length > maxEntries) return `${showShape(s.shape)} tensor`;
  let k = 0;
  const build = (depth: number): string => {
    const n = s.shape[depth] as number;
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(depth === s.shape.length - 1 ? fmt(s.data[k++] as number) : build(depth + 1));
    return `[${parts.join(', ')}]`;
  };
  return build(0);
}

const mapNested = (v: NestedNumber): NestedNumber | null => (typeof v === 'number' ? f32(v) : (v.map(mapNested) as NestedNumber));

/** A snapshot as JSON: number or nested arrays, NaN/Inf as null. */
export const snapshotJson = (s: Snapshot): NestedNumber | null => mapNested(toNested(s));

export function snapshotsJson(m: ReadonlyMap<string, Snapshot>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, s] of m) Object.defineProperty(out, id, { value: snapshotJson(s), enumerable: true });
  return out;
}
