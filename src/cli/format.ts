import { type Snapshot, toNested } from '../core/tensor';
import type { NestedNumber } from '../core/types';

/** Shortest decimal that reads back as the same float32 (0.0722, not 0.0722000002861023). */
export function f32(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  for (let p = 1; p <= 9; p++) {
    const y = Number(x.toPrecision(p));
    if (Math.fround(y) === Math.fround(x)) return y;
  }
  return x;
}

const mapNested = (v: NestedNumber): NestedNumber | null => (typeof v === 'number' ? f32(v) : (v.map(mapNested) as NestedNumber));

/** A snapshot as JSON: number or nested arrays, NaN/Inf as null. */
export const snapshotJson = (s: Snapshot): NestedNumber | null => mapNested(toNested(s));

export function snapshotsJson(m: ReadonlyMap<string, Snapshot>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, s] of m) Object.defineProperty(out, id, { value: snapshotJson(s), enumerable: true });
  return out;
}
