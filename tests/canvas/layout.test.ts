import { describe, expect, test } from 'vitest';
import { buildStructure, type FlowNode, type Structure } from '../../src/ui/canvas/flow';
import { layoutStructure } from '../../src/ui/canvas/layout';
import { absolutePositions } from '../../src/ui/canvas/positions';
import { relayoutBlock, singleToggle } from '../../src/ui/canvas/unfold';
import { defaultFolds } from '../../src/ui/store/folds';
import { boxes, exercise, objectiveOf, synthetic } from './helpers';

const WIDE_SCREEN = 16 / 9;

type B = { x: number; y: number; w: number; h: number };
const overlap = (a: B, b: B) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;

function rowOf(s: Structure, y: number): number {
  const rows = s.rows ?? [];
  for (let i = rows.length - 1; i >= 0; i--) if (y >= (rows[i]?.top ?? 0) - 1) return i;
  return 0;
}

/** Absolute handle position of an edge end. */
function handle(s: Structure, id: string, side: 'in' | 'out', slot = 0) {
  const abs = absolutePositions(s.nodes).get(id) as B;
  const n = s.nodes.find((m) => m.id === id) as FlowNode;
  const h = 'handles' in n.data ? n.data.handles : undefined;
  return { x: side === 'out' ? abs.x + abs.w : abs.x, y: abs.y + (side === 'out' ? (h?.out ?? abs.h / 2) : (h?.in[slot] ?? abs.h / 2)) };
}

/** Every property a wrapped layout must have; returns how many edges run between rows. */
function expectRowsRespected(s: Structure): number {
  const rows = s.rows ?? [];
  const abs = absolutePositions(s.nodes);
  let between = 0;
  for (const e of s.edges) {
    const a = abs.get(e.source) as B;
    const b = abs.get(e.target) as B;
    const ra = rowOf(s, a.y);
    const rb = rowOf(s, b.y);
    // Rows follow the graph's order: no edge runs back up to an earlier row.
    expect(rb, `${e.id} goes back from row ${ra} to ${rb}`).toBeGreaterThanOrEqual(ra);
    if (ra === rb) {
      expect(e.data?.route, `${e.id} has a route within one row`).toBeUndefined();
      continue;
    }
    between++;
    const route = e.data?.route;
    expect(route, `${e.id} crosses rows without a route`).toBeDefined();
    const pts = polyline(s, e, a, b);
    for (let i = 1; i < pts.length; i++) {
      const [x0, y0] = pts[i - 1] as [number, number];
      const [x1, y1] = pts[i] as [number, number];
      // Orthogonal segments only, and every horizontal one except the first and last runs in a gutter.
      expect(x0 === x1 || y0 === y1, `${e.id} has a diagonal segment`).toBe(true);
      if (y0 === y1 && i > 1 && i < pts.length - 1) {
        const inRow = rows.some((r) => y0 > r.top && y0 < r.bottom);
        expect(inRow, `${e.id} runs along y=${y0} through a row`).toBe(false);
      }
    }
  }
  return between;
}

/** A routed edge as drawn: its source handle, its route's points, its target handle. */
function polyline(s: Structure, e: Structure['edges'][number], a: B, b: B): [number, number][] {
  return [[a.x + a.w, handle(s, e.source, 'out').y], ...(e.data?.route ?? []), [b.x, handle(s, e.target, 'in', e.data?.slot ?? 0).y]] as [
    number,
    number,
  ][];
}

/** A layout wrapped into columns: edges between columns run up, along the top margin, and down; none within one. */
function expectColumnsRespected(s: Structure): number {
  const cols = s.columns ?? [];
  const colOf = (x: number) => {
    for (let i = cols.length - 1; i >= 0; i--) if (x >= (cols[i]?.left ?? 0) - 1) return i;
    return 0;
  };
  const top = Math.min(...cols.map((c) => c.top));
  const abs = absolutePositions(s.nodes);
  let between = 0;
  for (const e of s.edges) {
    const a = abs.get(e.source) as B;
    const b = abs.get(e.target) as B;
    if (colOf(a.x) === colOf(b.x)) {
      expect(e.data?.route, `${e.id} has a route within one column`).toBeUndefined();
      continue;
    }
    between++;
    const route = e.data?.route;
    expect(route, `${e.id} crosses columns without a route`).toBeDefined();
    const pts = polyline(s, e, a, b);
    for (let i = 1; i < pts.length; i++) {
      const [x0, y0] = pts[i - 1] as [number, number];
      const [x1, y1] = pts[i] as [number, number];
      expect(x0 === x1 || y0 === y1, `${e.id} has a diagonal segment`).toBe(true);
      // The horizontal run between columns is in the margin above every column.
      if (y0 === y1 && i > 1 && i < pts.length - 1) expect(y0, `${e.id} runs across the columns at y=${y0}`).toBeLessThan(top);
    }
  }
  return between;
}

function expectNoOverlaps(s: Structure) {
  const top = boxes(s).filter((b) => !s.nodes.find((n) => n.id === b.id)?.parentId);
  for (let i = 0; i < top.length; i++)
    for (let j = i + 1; j < top.length; j++) expect(overlap(top[i] as B, top[j] as B), `${top[i]?.id} overlaps ${top[j]?.id}`).toBe(false);
}

/** Leaves with a single consumer in their frame sit just left of it. */
function expectSideLeaves(s: Structure) {
  const abs = absolutePositions(s.nodes);
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  const uses = new Map<string, string[]>();
  for (const e of s.edges) uses.set(e.source, [...(uses.get(e.source) ?? []), e.target]);
  let checked = 0;
  for (const n of s.nodes) {
    const consumers = uses.get(n.id) ?? [];
    const c = byId.get(consumers[0] ?? '');
    if (n.data.kind !== 'leaf' || consumers.length !== 1 || !c || c.type === 'folded' || c.type === 'frame' || c.parentId !== n.parentId)
      continue;
    const a = abs.get(n.id) as B;
    const b = abs.get(c.id) as B;
    const gapX = b.x - (a.x + a.w);
    const gapY = Math.max(0, a.y - (b.y + b.h), b.y - (a.y + a.h));
    expect(gapX, `${n.id} is ${gapX}px from ${c.id}`).toBeGreaterThanOrEqual(0);
    expect(gapX, `${n.id} is ${gapX}px from ${c.id}`).toBeLessThanOrEqual(30);
    expect(gapY, `${n.id} is ${gapY}px above/below ${c.id}`).toBeLessThanOrEqual(40);
    checked++;
  }
  return checked;
}

describe('layout of generated graphs', () => {
  test('a long chain wraps to the canvas aspect: rows follow the chain, row-to-row edges run in the gutters', async () => {
    const g = synthetic('chain', 300);
    const s = await layoutStructure(buildStructure(g, objectiveOf(g), {}), { aspect: WIDE_SCREEN });
    expect(s.rows?.length).toBeGreaterThan(2);
    const abs = absolutePositions(s.nodes);
    const all = [...abs.values()];
    const w = Math.max(...all.map((b) => b.x + b.w)) - Math.min(...all.map((b) => b.x));
    const h = Math.max(...all.map((b) => b.y + b.h)) - Math.min(...all.map((b) => b.y));
    // Within a factor 2 of the canvas's shape (unwrapped it is ~40× wider than tall).
    expect(w / h).toBeGreaterThan(WIDE_SCREEN / 2);
    expect(w / h).toBeLessThan(WIDE_SCREEN * 2);
    expect(expectRowsRespected(s)).toBeGreaterThanOrEqual((s.rows?.length ?? 0) - 1);
    expectNoOverlaps(s);
    expect(expectSideLeaves(s)).toBe(100); // every W and the target y
  }, 60_000);

  test('a graph that fits the canvas at a readable zoom never wraps (ex07 in a laptop canvas)', async () => {
    const g = exercise('ex07-lora-gradients');
    const s = await layoutStructure(buildStructure(g, objectiveOf(g), {}), { aspect: 1.4, width: 760 });
    expect(s.rows?.length).toBe(1);
    expect(s.edges.every((e) => e.data?.route === undefined)).toBe(true);
    // …while ex04's twenty blocks in the same canvas do wrap.
    const deep = exercise('ex04-vanishing-gradients');
    const w = await layoutStructure(buildStructure(deep, objectiveOf(deep), defaultFolds(deep)), { aspect: 1.4, width: 760 });
    expect(w.rows?.length).toBeGreaterThan(2);
  }, 60_000);

  test('attention blocks and wide graphs: the same properties', async () => {
    for (const [kind, n] of [
      ['attention', 150],
      ['wide', 120],
    ] as const) {
      const g = synthetic(kind, n);
      const s = await layoutStructure(buildStructure(g, objectiveOf(g), {}), { aspect: WIDE_SCREEN });
      if (s.columns) expectColumnsRespected(s);
      else expectRowsRespected(s);
      expectNoOverlaps(s);
      expect(expectSideLeaves(s)).toBeGreaterThan(20);
    }
  }, 60_000);

  test('a wide graph (one layer of many blocks) wraps into columns at the canvas aspect; edges between columns run along the top margin', async () => {
    for (const n of [500, 2000]) {
      const g = synthetic('wide', n);
      const s = await layoutStructure(buildStructure(g, objectiveOf(g), defaultFolds(g)), { aspect: WIDE_SCREEN, width: 1500 });
      expect(s.columns?.length, `wide-${n}`).toBeGreaterThan(2);
      const all = [...absolutePositions(s.nodes).values()];
      const w = Math.max(...all.map((b) => b.x + b.w)) - Math.min(...all.map((b) => b.x));
      const h = Math.max(...all.map((b) => b.y + b.h)) - Math.min(...all.map((b) => b.y));
      // Within a factor 2 of the canvas's shape (unwrapped it is one column many times taller than wide).
      expect(w / h, `wide-${n}`).toBeGreaterThan(WIDE_SCREEN / 2);
      expect(w / h, `wide-${n}`).toBeLessThan(WIDE_SCREEN * 2);
      expect(expectColumnsRespected(s), `wide-${n}`).toBeGreaterThan(0);
      expectNoOverlaps(s);
    }
  }, 120_000);

  test('folded by default, a 2,000-node chain lays out as one row per screenful of blocks', async () => {
    const g = synthetic('chain', 2000);
    const folds = defaultFolds(g);
    const s = await layoutStructure(buildStructure(g, objectiveOf(g), folds), { aspect: WIDE_SCREEN });
    expect(s.nodes.filter((n) => n.type === 'folded').length).toBe(g.groups.length);
    expect(s.nodes.length).toBeLessThan(200);
    expectRowsRespected(s);
    expectNoOverlaps(s);
  }, 60_000);

  test('handles come from elk: along the chain every edge runs straight (source and target handle level)', async () => {
    const g = synthetic('chain', 30);
    const s = await layoutStructure(buildStructure(g, objectiveOf(g), {}));
    const main = s.edges.filter((e) => /^a\d+->z\d+/.test(e.id) || e.id.startsWith('z'));
    expect(main.length).toBeGreaterThan(10);
    for (const e of main) {
      const a = handle(s, e.source, 'out');
      const b = handle(s, e.target, 'in', e.data?.slot ?? 0);
      expect(Math.abs(a.y - b.y), e.id).toBeLessThan(1);
    }
  }, 60_000);
});

describe('incremental unfold', () => {
  test('unfolding one block lays out only the block: nothing else moves except rigid shifts past it', async () => {
    const g = exercise('ex04-vanishing-gradients');
    const obj = objectiveOf(g);
    const folds = defaultFolds(g);
    expect(folds.layer10).toBe(true);
    const before = await layoutStructure(buildStructure(g, obj, folds), { aspect: WIDE_SCREEN });
    const opened = { ...folds, layer10: false };
    expect(singleToggle(folds, opened)).toBe('layer10');
    const after = await relayoutBlock(before, buildStructure(g, obj, opened), 'layer10');

    const A = absolutePositions(before.nodes);
    const B = absolutePositions(after.nodes);
    const block = B.get('group:layer10') as B;
    const old = A.get('group:layer10') as B;
    const dw = block.w - old.w;
    const row = rowOf(before, old.y);
    const moves = new Set<string>();
    for (const [id, b] of B) {
      const a = A.get(id);
      if (!a) {
        // a member of the unfolded block: inside its frame
        expect(after.nodes.find((n) => n.id === id)?.parentId).toBe('group:layer10');
        expect(b.x >= block.x && b.x + b.w <= block.x + block.w && b.y >= block.y && b.y + b.h <= block.y + block.h, id).toBe(true);
        continue;
      }
      if (id === 'group:layer10') continue;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      if (dx === 0 && dy === 0) continue;
      moves.add(`${dx},${dy}`);
      // Only what comes after the block in its row moves (right, by its growth), or rows below (down).
      if (rowOf(before, a.y) === row) {
        expect(a.x).toBeGreaterThanOrEqual(old.x + old.w - 1);
        expect([dx, dy]).toEqual([dw, 0]);
      } else expect(rowOf(before, a.y)).toBeGreaterThan(row);
    }
    expect(moves.size).toBeLessThanOrEqual(2);
    expectNoOverlaps(after);
    expectRowsRespected(after);

    // Folding it again moves the rest of its row back; rows keep their height (nothing jumps up).
    const again = await relayoutBlock(after, buildStructure(g, obj, folds), 'layer10');
    const C = absolutePositions(again.nodes);
    for (const [id, a] of A) {
      if (id === 'group:layer10') continue;
      expect(C.get(id)?.x, id).toBe(a.x);
      if (rowOf(before, a.y) <= row) expect(C.get(id)?.y, id).toBe(a.y);
    }
    expectNoOverlaps(again);
  }, 60_000);
});

describe('chains with a weight beside every op', () => {
  test('ex09 (h_k = J_k h_(k-1)): within a row every edge of the chain runs level', async () => {
    const g = exercise('ex09-residual-flow');
    const s = await layoutStructure(buildStructure(g, objectiveOf(g), {}), { aspect: WIDE_SCREEN });
    const abs = absolutePositions(s.nodes);
    const matmuls = new Set(g.nodes.filter((n) => n.op === 'matmul').map((n) => n.id));
    expect(matmuls.size).toBe(20);
    const chain = s.edges.filter((e) => matmuls.has(e.source) && matmuls.has(e.target));
    expect(chain.length).toBe(19);
    let level = 0;
    for (const e of chain) {
      if (rowOf(s, (abs.get(e.source) as B).y) !== rowOf(s, (abs.get(e.target) as B).y)) continue;
      expect(Math.abs(handle(s, e.source, 'out').y - handle(s, e.target, 'in', e.data?.slot ?? 0).y), e.id).toBeLessThan(1);
      level++;
    }
    expect(level).toBeGreaterThan(12);
    expectRowsRespected(s);
    expectNoOverlaps(s);
    expect(expectSideLeaves(s)).toBe(22); // J1…J20, h0 and g
  }, 60_000);
});
