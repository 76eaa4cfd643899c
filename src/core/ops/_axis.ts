import { z } from 'zod';
import { ShapeError } from '../errors';
import type { Shape } from '../types';

export const axisAttrs = z.object({ axis: z.number().int().nullable().default(null) });
export type AxisAttrs = z.infer<typeof axisAttrs>;

/** Normalises a possibly negative axis, or throws naming the attr. */
export function resolveAxis(shape: Shape, axis: number): number {
  const a = axis < 0 ? shape.length + axis : axis;
  if (a < 0 || a >= shape.length) throw new ShapeError('attrs.axis', `axis ${axis} is out of range for rank ${shape.length}`);
  return a;
}

/** Shape after reducing `axis` (null = all axes). */
export function reducedShape(shape: Shape, axis: number | null): Shape {
  if (axis === null) return [];
  const a = resolveAxis(shape, axis);
  return shape.filter((_, i) => i !== a);
}
