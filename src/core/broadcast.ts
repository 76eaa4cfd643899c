import { ShapeError } from './errors';
import { showShape } from './tensor';
import type { Shape } from './types';

/** NumPy broadcasting of two shapes, or a ShapeError naming both. */
export function broadcastShapes(a: Shape, b: Shape, names: [string, string]): Shape {
  const n = Math.max(a.length, b.length);
  const out: Shape = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(names[1], `cannot broadcast ${names[0]} ${showShape(a)} with ${names[1]} ${showShape(b)}`);
    }
    out.push(Math.max(da, db));
  }
  return out;
}

/** Axes of `full` that were created or stretched when broadcasting `from` up to it. */
export function broadcastAxes(from: Shape, full: Shape): number[] {
  const axes: number[] = [];
  const lead = full.length - from.length;
  for (let i = 0; i < full.length; i++) {
    if (i < lead || (from[i - lead] === 1 && full[i] !== 1)) axes.push(i);
  }
  return axes;
}
