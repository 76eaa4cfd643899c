import { describe, expect, it } from 'vitest';
import { COMPARE_PRESETS, presetsFor } from '../../graphs/compare';
import { findExercise } from '../../graphs/index';
import { run } from './runs';

describe('compare presets', () => {
  it('cover the four comparisons of issue 13', () => {
    expect(COMPARE_PRESETS.map((p) => p.graph).sort()).toEqual([
      'ex04-vanishing-gradients',
      'ex05-gradient-checkpointing',
      'ex07-lora-gradients',
      'ex09-residual-flow',
    ]);
    expect(new Set(COMPARE_PRESETS.map((p) => p.id)).size).toBe(COMPARE_PRESETS.length);
    expect(presetsFor('ex09-residual-flow').map((p) => p.id)).toEqual(['ex09-plain-vs-residual']);
    expect(presetsFor('custom')).toEqual([]);
  });

  for (const p of COMPARE_PRESETS) {
    it(`${p.id}: declared options with allowed values, two runs that differ`, () => {
      const ex = findExercise(p.graph);
      expect(ex).toBeDefined();
      for (const set of [p.a, p.b]) {
        for (const [name, value] of Object.entries(set)) {
          const spec = ex?.options.find((o) => o.name === name);
          expect(spec, `${p.id}: option ${name}`).toBeDefined();
          expect(spec?.values).toContain(value);
        }
      }
      expect(JSON.stringify(p.a)).not.toBe(JSON.stringify(p.b));
      const a = run(p.graph, { ...p.a });
      const b = run(p.graph, { ...p.b });
      expect(a.options).toMatchObject(p.a);
      expect(b.options).toMatchObject(p.b);
      // The two panes differ: other steps (ex05, ex09), or the same steps with other gradients (ex04, ex07's W → y aside).
      const shape = (r: typeof a) => JSON.stringify(r.trace.steps.map((s) => [s.phase, s.node]));
      const grads = (r: typeof a) => JSON.stringify([...r.trace.grads].map(([id, g]) => [id, Array.from(g.data)]));
      expect(shape(a) !== shape(b) || grads(a) !== grads(b)).toBe(true);
    });
  }

  it('ex07 full fine-tuning: W is the parameter, its gradient ȳxᵀ checked against finite differences', () => {
    const full = run('ex07-lora-gradients', { adapter: 'full' });
    expect(full.graph.nodes.map((n) => n.id).sort()).toEqual(['W', 'loss', 'x', 'y', 'y_bar']);
    expect(full.checks.map((c) => [c.name, c.pass])).toEqual([
      ['(b) dW matches FD', true],
      ['Both converge', true],
    ]);
    const lora = run('ex07-lora-gradients', { adapter: 'lora' });
    expect(lora.checks.map((c) => c.name)).toEqual(['(b) dA matches FD', '(b) dB matches FD', 'Both converge']);
    // dW = ȳ xᵀ in both (L = ȳ·Wx): the edge W → y carries the same gradient.
    const dW = (r: typeof full) => r.trace.steps.flatMap((s) => s.sent ?? []).find((g) => g.edge === 'W->y#0')?.grad.data;
    expect(Array.from(dW(full) ?? [])).toEqual(Array.from(dW(lora) ?? [1]));
  });
});
