import type { Shape } from '../types';
import { resolveAxis } from './_axis';

/**
 * A reduction's output shape with the reduced axes kept as 1 (keepDims), so the output and
 * its gradient broadcast back against the input. axis null = every axis.
 */
export function keptShape(shape: Shape, axis: number | null): { kept: Shape; axis: number | null } {
  if (axis === null) return { kept: shape.map(() => 1), axis: null };
  const a = resolveAxis(shape, axis);
  return { kept: shape.map((d, i) => (i === a ? 1 : d)), axis: a };
}
