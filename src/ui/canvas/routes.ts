import type { Route } from './edgePath';
import type { FlowNode, Structure } from './flow';
import { absolutePositions } from './positions';

/** Spacing of parallel lanes in a gutter or margin; how far a route leaves a node before turning. */
const LANE = 5;
const OUT = 12;

const rowOf = (rows: NonNullable<Structure['rows']>, y: number): number => {
  for (let i = rows.length - 1; i >= 0; i--) if (y >= (rows[i]?.top ?? 0) - 1) return i;
  return 0;
};

function handleY(n: FlowNode | undefined, side: 'in' | 'out', slot: number): number {
  if (!n) return 0;
  const d = n.data as { handles?: { in: number[]; out: number }; box?: { h: number } };
  const h = d.box?.h ?? n.height ?? 0;
  if (side === 'out') return d.handles?.out ?? h / 2;
  return d.handles?.in[slot] ?? h / 2;
}

/**
 * Routes every edge whose ends sit in different rows along the gutter under the source's row
 * (and the left margin when it skips rows), one lane per edge; other edges lose any route.
 * Positions are read, not changed.
 */
export function routeRows(s: Structure): Structure {
  const rows = s.rows ?? [];
  if (rows.length < 2) return { ...s, edges: s.edges.map((e) => (e.data?.route ? { ...e, data: { ...e.data, route: undefined } } : e)) };
  const abs = absolutePositions(s.nodes);
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  const lanes = new Map<number, number>();
  const edges = s.edges.map((e) => {
    const a = abs.get(e.source);
    const b = abs.get(e.target);
    const data = e.data ?? { slot: 0 };
    if (!a || !b) return e;
    const ra = rowOf(rows, a.y);
    const rb = rowOf(rows, b.y);
    if (ra >= rb) return data.route ? { ...e, data: { ...data, route: undefined } } : e;
    const lane = lanes.get(ra) ?? 0;
    lanes.set(ra, lane + 1);
    const sx = a.x + a.w;
    const sy = a.y + handleY(byId.get(e.source), 'out', 0);
    const tx = b.x;
    const ty = b.y + handleY(byId.get(e.target), 'in', e.targetHandle === 'in' ? 0 : data.slot);
    const xr = sx + OUT + lane * LANE;
    const xl = tx - OUT - lane * LANE;
    const gutter = (r: number) => (rows[r]?.bottom ?? 0) + 18 + lane * LANE;
    const route: [number, number][] = [
      [xr, sy],
      [xr, gutter(ra)],
    ];
    if (rb > ra + 1) {
      // Skips rows: down the left margin to the gutter above the target's row.
      const margin = -24 - lane * LANE;
      route.push([margin, gutter(ra)], [margin, gutter(rb - 1)]);
    }
    route.push([xl, gutter(rb - 1)], [xl, ty]);
    return { ...e, data: { ...data, route } };
  });
  return { ...s, edges };
}

export type { Route };
