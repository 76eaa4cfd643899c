import { describe, expect, it } from 'vitest';
import type { Trace } from '../../src/engine/trace';
import { alignSteps } from '../../src/ui/compare/align';
import { edgeRatios, edgesOf, matchEdges, ratioCell } from '../../src/ui/compare/ratio';
import { fmtDecades, fmtPower, ratioScale } from '../../src/ui/compare/ratioScale';
import type { RunResult } from '../../src/ui/compute/protocol';
import { timelineOf } from '../../src/ui/store/selectors';
import { run } from './runs';

/** ‖∇‖ of the gradient each edge carried back, read straight from the trace's steps (float64 hypot). */
function sentNorms(trace: Trace): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of trace.steps) for (const g of s.sent ?? []) out.set(g.edge, Math.hypot(...g.grad.data));
  return out;
}

const side = (r: RunResult, cursor = r.trace.steps.length) => ({ graph: r.graph, timeline: timelineOf(r), cursor });

describe('edgeRatios: ex04 sigmoid (A) vs ReLU + He (B), two real engine runs', () => {
  const a = run('ex04-vanishing-gradients', { activation: 'sigmoid', init: 'normal_0.3' });
  const b = run('ex04-vanishing-gradients', { activation: 'relu', init: 'he' });
  const table = edgeRatios(side(a), side(b));
  const na = sentNorms(a.trace);
  const nb = sentNorms(b.trace);

  it('every edge that carries a gradient has log₁₀(‖∇‖_B / ‖∇‖_A) of the two traces', () => {
    const edges = edgesOf(a.graph);
    expect(edges.length).toBeGreaterThan(40);
    expect(table.onlyB).toEqual([]);
    let checked = 0;
    for (const e of edges) {
      const row = table.byA.get(e.id);
      expect(row?.other?.id).toBe(e.id);
      const ga = na.get(e.id);
      const gb = nb.get(e.id);
      if (ga === undefined || gb === undefined) {
        // No gradient flows back along this edge (into a constant): nothing to compare.
        expect(ga).toBe(gb);
        expect(row?.cell.kind).toBe('pending');
        continue;
      }
      expect(row?.cell.kind).toBe('ratio');
      if (row?.cell.kind !== 'ratio') continue;
      expect(row.cell.a).toBeCloseTo(ga, 12);
      expect(Math.abs(row.cell.log10 - Math.log10(gb / ga))).toBeLessThan(1e-9);
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('shows the vanishing gradient: sigmoid’s input-side gradients are decades below ReLU + He’s', () => {
    const x = [...table.byA.values()].find((r) => r.edge.source === 'x' && r.cell.kind === 'ratio');
    expect(x?.cell.kind).toBe('ratio');
    if (x?.cell.kind === 'ratio') expect(x.cell.log10).toBeGreaterThan(3);
    expect(table.maxDecades).toBeGreaterThan(3);
  });

  it('at an aligned cursor mid-backward, edges not reached yet are pending', () => {
    const al = alignSteps(a.trace.steps, b.trace.steps);
    const mid = Math.floor((a.trace.steps.length * 3) / 4);
    const t = edgeRatios(side(a, mid), side(b, al.cursorOf(mid)));
    const kinds = [...t.byA.values()].map((r) => r.cell.kind);
    expect(kinds).toContain('pending');
    expect(kinds).toContain('ratio');
    // Before anything ran, nothing has a ratio.
    const start = edgeRatios(side(a, 0), side(b, 0));
    expect([...start.byA.values()].every((r) => r.cell.kind === 'pending')).toBe(true);
  });
});

describe('edgeRatios: ex09 plain (A) vs residual (B), different structures', () => {
  const a = run('ex09-residual-flow', { residual: false });
  const b = run('ex09-residual-flow', { residual: true });
  const table = edgeRatios(side(a), side(b));

  it('pairs hₖ₋₁ → hₖ across the slot it moved to; Jₖ → hₖ exists only in plain, the branch only in residual', () => {
    const h0h1 = [...table.byA.values()].find((r) => r.edge.source === 'h0' && r.edge.target === 'h1');
    expect(h0h1?.other?.source).toBe('h0');
    expect(h0h1?.other?.target).toBe('h1');
    expect(h0h1?.other?.id).not.toBe(h0h1?.edge.id);
    const only = [...table.byA.values()].filter((r) => r.cell.kind === 'only-a');
    expect(only.map((r) => r.edge.source).sort()).toEqual(Array.from({ length: 20 }, (_, k) => `J${k + 1}`).sort());
    expect(table.onlyB.length).toBe(60); // Jₖ → Fₖ, hₖ₋₁ → Fₖ, Fₖ → hₖ
    expect(table.onlyB.every((r) => r.cell.kind === 'only-b' && r.cell.b !== null && r.cell.b > 0)).toBe(true);
  });

  it('the residual path keeps the gradient at h₀ far larger (log ratio of the two traces)', () => {
    const na = sentNorms(a.trace);
    const nb = sentNorms(b.trace);
    const h0h1 = [...table.byA.values()].find((r) => r.edge.source === 'h0' && r.edge.target === 'h1');
    if (h0h1?.cell.kind !== 'ratio' || !h0h1.other) throw new Error('h0 → h1 has no ratio');
    const expected = Math.log10((nb.get(h0h1.other.id) as number) / (na.get(h0h1.edge.id) as number));
    expect(Math.abs(h0h1.cell.log10 - expected)).toBeLessThan(1e-9);
    expect(h0h1.cell.log10).toBeGreaterThan(5);
  });
});

describe('ratio cells, matching and the scale', () => {
  it('zero, missing and finite norms', () => {
    expect(ratioCell(null, 1).kind).toBe('pending');
    expect(ratioCell(2, null).kind).toBe('pending');
    expect(ratioCell(0, 1).kind).toBe('zero');
    expect(ratioCell(1, 0).kind).toBe('zero');
    expect(ratioCell(1, Number.POSITIVE_INFINITY).kind).toBe('zero');
    const c = ratioCell(2e-3, 2);
    expect(c.kind === 'ratio' && c.log10).toBeCloseTo(3, 12);
  });

  it('a pair of same-ends edges is not guessed when there are two of them', () => {
    const a = [
      { id: 'x->m#0', source: 'x', target: 'm' },
      { id: 'x->m#1', source: 'x', target: 'm' },
    ];
    const b = [{ id: 'x->m#2', source: 'x', target: 'm' }];
    const m = matchEdges(a, b);
    expect(m.pairs).toEqual([]);
    expect(m.onlyA.length).toBe(2);
    expect(m.onlyB.length).toBe(1);
  });

  it('the diverging scale is symmetric in whole decades and saturates at its ends', () => {
    const s = ratioScale(3.2);
    expect(s.decades).toBe(4);
    expect(s.ticks).toEqual([-4, -2, 0, 2, 4]);
    expect(s.colour(0)).toBe(s.colour(0.0));
    expect(s.colour(-4)).toBe(s.colour(-40));
    expect(s.colour(4)).not.toBe(s.colour(-4));
    expect(s.width(4)).toBeGreaterThan(s.width(1));
    expect(ratioScale(0).decades).toBe(1);
    expect(ratioScale(1).ticks).toEqual([-1, 0, 1]);
    expect(fmtPower(-3)).toBe('10⁻³');
    expect(fmtPower(12)).toBe('10¹²');
    expect(fmtDecades(2.3456)).toBe('+2.35');
    expect(fmtDecades(-0.004)).toBe('0');
    expect(fmtDecades(-1.5)).toBe('−1.5');
  });
});
