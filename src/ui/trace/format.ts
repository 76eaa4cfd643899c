import type { Snapshot } from '../../core/tensor';
import { showShape } from '../../core/tensor';
import type { Shape } from '../../core/types';

/** A number for the canvas: 4 significant digits, scientific when tiny or huge, `−` for minus. */
export function fmt(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const s = a < 1e-3 || a >= 1e5 ? x.toExponential(Math.max(0, digits - 2)) : Number(x.toPrecision(digits)).toString();
  return s.replace('-', '−').replace(/e\+?/, 'e');
}

export { showShape };

/** A small tensor written out (`[[0.1, 2], …]`); larger ones by shape only. */
export function fmtTensor(s: Snapshot, maxEntries = 16): string {
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

/** Rows × columns for drawing any tensor as a grid: vectors as a column, higher ranks flattened. */
export function gridOf(shape: Shape): { rows: number; cols: number } {
  if (shape.length === 0) return { rows: 1, cols: 1 };
  if (shape.length === 1) return { rows: shape[0] as number, cols: 1 };
  const cols = shape[shape.length - 1] as number;
  return { rows: shape.slice(0, -1).reduce((a, b) => a * b, 1), cols };
}

/**
 * Shortest decimal that reads back as the same float32 (leaf values are float32 in the engine):
 * 0.1f prints as `0.1`, not 0.10000000149011612.
 */
export function f32Text(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const target = Math.fround(x);
  for (let p = 1; p <= 9; p++) {
    const s = Number(x.toPrecision(p));
    if (Math.fround(s) === target) return String(s);
  }
  return String(x);
}

/** A nested literal as JSON with float32-shortest numbers. */
export const f32Json = (v: unknown): string => JSON.stringify(v, (_, x) => (typeof x === 'number' ? Number(f32Text(x)) : x));
