import { describe, expect, test } from 'vitest';
import { buildStructure, type FlowNode, type Structure } from '../../src/ui/canvas/flow';
import { layered, pack } from '../../src/ui/canvas/layered';
import { FAST_LAYOUT_ABOVE, layoutStructure } from '../../src/ui/canvas/layout';
import { absolutePositions } from '../../src/ui/canvas/positions';
import { defaultFolds } from '../../src/ui/store/folds';
import { objectiveOf, synthetic } from './helpers';

type B = { x: number; y: number; w: number; h: number };
const overlap = (a: B, b: B) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;

describe('pack: boxes of one layer in order, as near their wishes as the gaps allow', () => {
  test('wishes that fit are kept exactly', () => {
    expect(pack([10, 10, 10], [0, 40, 100], 5)).toEqual([0, 40, 100]);
  });
  test('two boxes wishing the same place share the displacement (least squares)', () => {
    // Both want y = 50; 10 high with a gap of 10: one at 40, the other at 60.
    expect(pack([10, 10], [50, 50], 10)).toEqual([40, 60]);
  });
  test('never overlap; a box with no wish follows its neighbour', () => {
    const ys = pack([20, 30, 20, 20], [100, null, 0, 10], 8);
    for (let i = 1; i < ys.length; i++)
      expect((ys[i] as number) - (ys[i - 1] as number), `box ${i}`).toBeGreaterThanOrEqual([20, 30, 20, 20][i - 1]! + 8 - 1e-9);
  });
});

describe('layered: a chain runs level, a fan-out stacks', () => {
  test('each box lines its input up with its producer’s output; layers left to right', () => {
    const nodes = [
      { id: 'a', w: 50, h: 40 },
      { id: 'b', w: 60, h: 80 },
      { id: 'c', w: 50, h: 40 },
    ];
    const at = layered(
      nodes,
      [
        { source: 'a', target: 'b', sourceY: 20, targetY: 50 },
        { source: 'b', target: 'c', sourceY: 50, targetY: 20 },
      ],
      { layerGap: 40, nodeGap: 18 },
    );
    const a = at.get('a') as { x: number; y: number };
    const b = at.get('b') as { x: number; y: number };
    const c = at.get('c') as { x: number; y: number };
    expect([a.x, b.x, c.x]).toEqual([0, 90, 190]);
    expect(a.y + 20).toBe(b.y + 50);
    expect(c.y + 20).toBe(b.y + 50);
  });
  test('an input used by many sits level with the middle of its consumers, in the column before them', () => {
    const nodes = [{ id: 'x', w: 40, h: 40 }, ...Array.from({ length: 5 }, (_, i) => ({ id: `c${i}`, w: 40, h: 40 }))];
    const edges = nodes.slice(1).map((n) => ({ source: 'x', target: n.id, sourceY: 20, targetY: 20 }));
    const at = layered(nodes, edges, { layerGap: 40, nodeGap: 10 });
    const cs = nodes.slice(1).map((n) => at.get(n.id) as { x: number; y: number });
    expect(new Set(cs.map((p) => p.x))).toEqual(new Set([80]));
    expect(at.get('x')?.y).toBe(cs[2]?.y);
  });
});

/** Everything the canvas relies on, for a structure laid out by `layered`. */
function expectSound(s: Structure) {
  const abs = absolutePositions(s.nodes);
  const top = s.nodes.filter((n) => !n.parentId).map((n) => ({ id: n.id, ...(abs.get(n.id) as B) }));
  for (let i = 0; i < top.length; i++)
    for (let j = i + 1; j < top.length; j++) expect(overlap(top[i] as B, top[j] as B), `${top[i]?.id} overlaps ${top[j]?.id}`).toBe(false);
  // Within a row (and a column, when a tall layout wrapped into columns), every edge runs left to
  // right; one between columns is routed (along the top margin).
  const rowOf = (y: number) => (s.rows ?? []).findLastIndex((r) => y >= r.top - 1);
  const colOf = (x: number) => (s.columns ?? []).findLastIndex((c) => x >= c.left - 1);
  for (const e of s.edges) {
    const a = abs.get(e.source) as B;
    const b = abs.get(e.target) as B;
    if (colOf(a.x) !== colOf(b.x)) expect(e.data?.route, e.id).toBeDefined();
    else if (rowOf(a.y) === rowOf(b.y)) expect(b.x, e.id).toBeGreaterThanOrEqual(a.x + a.w);
  }
}

describe('big flat graphs are placed by layered, not elkjs', () => {
  test.each([
    ['chain', 2000],
    ['wide', 2000],
    ['attention', 2000],
  ] as const)('%s %i, folded by default: no overlaps, edges left to right, handles where the layout put them', async (kind, n) => {
    const g = synthetic(kind, n);
    const st = buildStructure(g, objectiveOf(g), defaultFolds(g));
    expect(st.nodes.some((m) => m.type === 'frame')).toBe(false);
    expect(st.nodes.length).toBeGreaterThan(FAST_LAYOUT_ABOVE);
    performance.clearMeasures();
    const s = await layoutStructure(st, { aspect: 16 / 9, width: 1250 });
    expect(performance.getEntriesByName('gf:layered')).toHaveLength(1);
    expect(performance.getEntriesByName('gf:elk')).toHaveLength(0);
    expectSound(s);
    expect(s.nodes.every((m) => !('box' in m.data) || m.data.handles !== undefined)).toBe(true);
  });

  test('along a folded chain the block-to-block edges run level', async () => {
    const g = synthetic('chain', 2000);
    const s = await layoutStructure(buildStructure(g, objectiveOf(g), defaultFolds(g)));
    const abs = absolutePositions(s.nodes);
    const byId = new Map(s.nodes.map((m) => [m.id, m]));
    const hy = (id: string, side: 'in' | 'out') => {
      const d = (byId.get(id) as FlowNode).data as { handles?: { in: number[]; out: number } };
      return (abs.get(id)?.y ?? 0) + (side === 'out' ? (d.handles?.out ?? 0) : (d.handles?.in[0] ?? 0));
    };
    const between = s.edges.filter((e) => byId.get(e.source)?.type === 'folded' && byId.get(e.target)?.type === 'folded');
    expect(between.length).toBeGreaterThan(100);
    for (const e of between) expect(Math.abs(hy(e.source, 'out') - hy(e.target, 'in')), e.id).toBeLessThan(1);
  });
});
