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

/** Where an edge leaves its source and enters its target, in absolute coordinates. */
interface Ends {
  a: { x: number; y: number; w: number };
  b: { x: number; y: number; w: number };
  sx: number;
  sy: number;
  ty: number;
}

/**
 * Gives every edge the route `plan` returns for its ends (no route when it returns undefined).
 * Edges with an end not placed are left alone. Positions are read, not changed.
 */
function reroute(s: Structure, plan: (source: string, ends: Ends) => Route | undefined): Structure {
  const abs = absolutePositions(s.nodes);
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  const edges = s.edges.map((e) => {
    const a = abs.get(e.source);
    const b = abs.get(e.target);
    const data = e.data ?? { slot: 0 };
    if (!a || !b) return e;
    const sy = a.y + handleY(byId.get(e.source), 'out', 0);
    const ty = b.y + handleY(byId.get(e.target), 'in', e.targetHandle === 'in' ? 0 : data.slot);
    const route = plan(e.source, { a, b, sx: a.x + a.w, sy, ty });
    if (!route) return data.route ? { ...e, data: { ...data, route: undefined } } : e;
    return { ...e, data: { ...data, route } };
  });
  return { ...s, edges };
}

/**
 * Routes every edge whose ends sit in different rows along the gutter under the source's row
 * (and the left margin when it skips rows), one lane per edge; other edges lose any route.
 */
export function routeRows(s: Structure): Structure {
  if (s.columns && s.columns.length > 1) return routeColumns(s, s.columns);
  const rows = s.rows ?? [];
  if (rows.length < 2) return { ...s, edges: s.edges.map((e) => (e.data?.route ? { ...e, data: { ...e.data, route: undefined } } : e)) };
  const lanes = new Map<number, number>();
  return reroute(s, (_source, { a, b, sx, sy, ty }) => {
    const ra = rowOf(rows, a.y);
    const rb = rowOf(rows, b.y);
    if (ra >= rb) return undefined;
    const lane = lanes.get(ra) ?? 0;
    lanes.set(ra, lane + 1);
    const xr = sx + OUT + lane * LANE;
    const xl = b.x - OUT - lane * LANE;
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
    return route;
  });
}

const columnOf = (columns: NonNullable<Structure['columns']>, x: number): number => {
  for (let i = columns.length - 1; i >= 0; i--) if (x >= (columns[i]?.left ?? 0) - 1) return i;
  return 0;
};

/**
 * Routes every edge whose ends sit in different columns of a layout wrapped into columns: out
 * of the source to the right, up to the margin above the columns, across, and down the gap left
 * of the target's column. Edges from one source share a lane (they read as one bundle); other
 * edges lose any route.
 */
export function routeColumns(s: Structure, columns: NonNullable<Structure['columns']>): Structure {
  const top = Math.min(...columns.map((c) => c.top));
  const lanes = new Map<string, number>();
  return reroute(s, (source, { a, b, sx, sy, ty }) => {
    const ca = columnOf(columns, a.x);
    const cb = columnOf(columns, b.x);
    if (ca === cb) return undefined;
    let lane = lanes.get(source);
    if (lane === undefined) {
      lane = lanes.size;
      lanes.set(source, lane);
    }
    const xr = sx + OUT + lane * LANE;
    const xl = (columns[cb]?.left ?? b.x) - OUT - lane * LANE;
    const margin = top - 24 - lane * LANE;
    return [
      [xr, sy],
      [xr, margin],
      [xl, margin],
      [xl, ty],
    ];
  });
}

export type { Route };
