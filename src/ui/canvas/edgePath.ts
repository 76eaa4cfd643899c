import { getBezierPath, Position } from '@xyflow/react';

/**
 * Waypoints (flow coordinates) of an edge between two rows of a wrapped layout: out of its
 * source into the gap between layers, along the gutter under its row (and the left margin when
 * it skips rows), down beside its target. It never crosses a row diagonally.
 */
export type Route = readonly (readonly [number, number])[];

const R = 10;

/** An orthogonal polyline through the points with rounded corners (radius ≤ R). */
function rounded(pts: Route): string {
  const [x0, y0] = pts[0] as [number, number];
  let d = `M${x0},${y0}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const [px, py] = pts[i - 1] as [number, number];
    const [x, y] = pts[i] as [number, number];
    const [nx, ny] = pts[i + 1] as [number, number];
    const r = Math.min(R, Math.hypot(x - px, y - py) / 2, Math.hypot(nx - x, ny - y) / 2);
    const ax = x - Math.sign(x - px) * r;
    const ay = y - Math.sign(y - py) * r;
    const bx = x + Math.sign(nx - x) * r;
    const by = y + Math.sign(ny - y) * r;
    d += ` L${ax},${ay} Q${x},${y} ${bx},${by}`;
  }
  const [xl, yl] = pts[pts.length - 1] as [number, number];
  return `${d} L${xl},${yl}`;
}

/** The path of an edge: a bezier within a row, an orthogonal line through its route between rows. */
export function edgePath(sx: number, sy: number, tx: number, ty: number, route?: Route): string {
  if (!route?.length) {
    const [d] = getBezierPath({
      sourceX: sx,
      sourceY: sy,
      sourcePosition: Position.Right,
      targetX: tx,
      targetY: ty,
      targetPosition: Position.Left,
    });
    return d;
  }
  return rounded([[sx, sy], ...route, [tx, ty]]);
}
