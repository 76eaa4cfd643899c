import { describe, expect, test } from 'vitest';
import { edgePath } from '../../src/ui/canvas/edgePath';
import { pointAt, samplePath } from '../../src/ui/canvas/particles';

/** Points of a sampled path as pairs. */
const pairs = (pts: Float32Array) => Array.from({ length: pts.length / 2 }, (_, i) => [pts[2 * i] as number, pts[2 * i + 1] as number]);
const gaps = (pts: Float32Array) => {
  const p = pairs(pts);
  return p.slice(1).map(([x, y], i) => Math.hypot((x as number) - (p[i]?.[0] as number), (y as number) - (p[i]?.[1] as number)));
};

// Computed from the path's numbers in Node: no DOM (asking the DOM forced a layout per new edge).
describe('particle paths are sampled by arc length without the DOM', () => {
  test('a polyline: ends, corner and quarter points where arc length puts them', () => {
    const pts = samplePath('M0,0 L100,0 L100,100');
    expect(pointAt(pts, 0)).toEqual([0, 0]);
    const [mx, my] = pointAt(pts, 0.5);
    expect(mx).toBeCloseTo(100, 4);
    expect(my).toBeCloseTo(0, 4);
    const [qx, qy] = pointAt(pts, 0.75);
    expect(qx).toBeCloseTo(100, 4);
    expect(qy).toBeCloseTo(50, 4);
    const [ex, ey] = pointAt(pts, 1);
    expect(ex).toBeCloseTo(100, 4);
    expect(ey).toBeCloseTo(100, 4);
  });

  test('an edge bezier: samples on the curve, evenly spaced, ends at the handles', () => {
    const d = edgePath(10, 20, 410, 220);
    expect(d.startsWith('M')).toBe(true);
    expect(d).toContain('C');
    const pts = samplePath(d);
    expect(pairs(pts)[0]).toEqual([10, 20]);
    const last = pairs(pts).at(-1) as number[];
    expect(last[0]).toBeCloseTo(410, 3);
    expect(last[1]).toBeCloseTo(220, 3);
    // The curve is symmetric about its middle: the middle sample is the midpoint of the ends.
    const [mx, my] = pointAt(pts, 0.5);
    expect(mx).toBeCloseTo(210, 1);
    expect(my).toBeCloseTo(120, 1);
    // Even spacing by arc length: every gap within 2 % of the mean (a parameter-uniform
    // sampling of this S-curve differs by far more than that between its ends and middle).
    const g = gaps(pts);
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    for (const x of g) expect(Math.abs(x - mean) / mean).toBeLessThan(0.02);
    // Longer than the chord, as a curve is.
    expect(mean * g.length).toBeGreaterThan(Math.hypot(400, 200));
  });

  test('a routed edge (rounded corners, quadratic arcs): every sample on the route, evenly spread', () => {
    const route = [
      [50, 0],
      [50, 100],
      [-20, 100],
      [-20, 300],
    ] as const;
    const d = edgePath(0, 0, 200, 300, route);
    expect(d).toContain('Q');
    const pts = samplePath(d);
    const legs: (readonly [number, number])[] = [[0, 0], ...route, [200, 300]];
    const toLeg = (x: number, y: number) =>
      Math.min(
        ...legs.slice(1).map(([bx, by], i) => {
          const [ax, ay] = legs[i] as readonly [number, number];
          const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
          const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / len2));
          return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
        }),
      );
    // A corner of radius 10 strays at most ~3 px from its two legs.
    for (const [x, y] of pairs(pts)) expect(toLeg(x as number, y as number)).toBeLessThan(3.5);
    // Arc length 640 − 4 × (2 − π/2) × 10 ≈ 622.8 in 32 even steps of ≈ 19.5; a chord across a corner is shorter.
    const g = gaps(pts);
    for (const x of g) expect(x).toBeLessThan(19.5 + 0.1);
    expect(g.filter((x) => x > 19.3).length).toBeGreaterThan(24);
    const last = pairs(pts).at(-1) as number[];
    expect(last[0]).toBeCloseTo(200, 3);
    expect(last[1]).toBeCloseTo(300, 3);
  });
});
