import type { Shape } from '../../core/types';

/** Rows × columns for drawing any tensor as a grid: vectors as a column, higher ranks flattened. */
export function gridOf(shape: Shape): { rows: number; cols: number } {
  if (shape.length === 0) return { rows: 1, cols: 1 };
  if (shape.length === 1) return { rows: shape[0] as number, cols: 1 };
  const cols = shape[shape.length - 1] as number;
  return { rows: shape.slice(0, -1).reduce((a, b) => a * b, 1), cols };
}
