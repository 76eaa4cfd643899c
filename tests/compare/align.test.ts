import { describe, expect, it } from 'vitest';
import type { Phase } from '../../src/engine/trace';
import { alignSteps } from '../../src/ui/compare/align';
import { run } from './runs';

const steps = (...s: [Phase, string][]) => s.map(([phase, node]) => ({ phase, node }));

describe('alignSteps (synthetic step lists)', () => {
  const a = steps(['forward', 'x'], ['forward', 'z'], ['recompute', 'z'], ['seed', 'L'], ['backward', 'z'], ['backward', 'x']);
  const b = steps(
    ['forward', 'x'],
    ['forward', 'extra'],
    ['forward', 'z'],
    ['seed', 'L'],
    ['backward', 'z'],
    ['backward', 'extra'],
    ['backward', 'x'],
    ['free', 'z'],
  );
  const al = alignSteps(a, b);

  it('maps nothing-done to nothing-done and the end to the end', () => {
    expect(al.cursorOf(0)).toBe(0);
    expect(al.hasCounterpart(0)).toBe(true);
    expect(al.cursorOf(a.length)).toBe(b.length);
    expect(al.hasCounterpart(a.length)).toBe(true);
  });

  it('finds the same node and phase, skipping steps only B has', () => {
    expect(al.cursorOf(1)).toBe(1); // forward x
    expect(al.cursorOf(2)).toBe(3); // forward z (B did "extra" first)
    expect(al.cursorOf(4)).toBe(4); // seed L
    expect(al.cursorOf(5)).toBe(5); // backward z
    for (const c of [1, 2, 4, 5]) expect(al.hasCounterpart(c)).toBe(true);
  });

  it('keeps B at the nearest preceding aligned step when a step has no counterpart', () => {
    expect(al.hasCounterpart(3)).toBe(false); // recompute z: B never recomputes
    expect(al.cursorOf(3)).toBe(al.cursorOf(2));
  });

  it('matches the k-th occurrence with the k-th, and an occurrence B lacks has none', () => {
    const twice = steps(['recompute', 'z'], ['recompute', 'z'], ['recompute', 'z']);
    const al2 = alignSteps(twice, steps(['recompute', 'z'], ['forward', 'q'], ['recompute', 'z']));
    expect(al2.cursorOf(1)).toBe(1);
    expect(al2.cursorOf(2)).toBe(3);
    expect(al2.hasCounterpart(2)).toBe(true);
    // The third is the end (maps to the end), so check the same lists one step longer.
    const al3 = alignSteps(
      [...twice, { phase: 'free', node: 'z' }],
      steps(['recompute', 'z'], ['forward', 'q'], ['recompute', 'z'], ['free', 'z'], ['free', 'q']),
    );
    expect(al3.hasCounterpart(3)).toBe(false);
    expect(al3.cursorOf(3)).toBe(3);
    expect(al3.cursorOf(4)).toBe(5);
  });

  it('a first step without counterpart stays at 0; cursors are clamped', () => {
    const al4 = alignSteps(steps(['forward', 'only'], ['forward', 'x'], ['seed', 'L']), steps(['forward', 'x'], ['seed', 'L']));
    expect(al4.cursorOf(1)).toBe(0);
    expect(al4.hasCounterpart(1)).toBe(false);
    expect(al4.cursorOf(2)).toBe(1);
    expect(al4.cursorOf(-3)).toBe(0);
    expect(al4.cursorOf(99)).toBe(2);
  });
});

/** Every cursor of A: the aligned step of B has A's node and phase, or B stays where it was. */
function expectAligned(aSteps: { phase: Phase; node: string }[], bSteps: { phase: Phase; node: string }[]) {
  const al = alignSteps(aSteps, bSteps);
  const missing: { phase: Phase; node: string }[] = [];
  for (let c = 1; c < aSteps.length; c++) {
    const sa = aSteps[c - 1];
    if (al.hasCounterpart(c)) {
      const sb = bSteps[al.cursorOf(c) - 1];
      expect(sb?.node).toBe(sa?.node);
      expect(sb?.phase).toBe(sa?.phase);
    } else {
      if (sa) missing.push(sa);
      expect(al.cursorOf(c)).toBe(al.cursorOf(c - 1));
    }
    expect(al.cursorOf(c)).toBeGreaterThanOrEqual(al.cursorOf(c - 1));
  }
  return missing;
}

describe('alignSteps on real traces', () => {
  it('ex05 k = 3 against k = 0: only the recompute steps lack a counterpart', () => {
    const k3 = run('ex05-gradient-checkpointing', { checkpoint_every: 3 }).trace.steps;
    const k0 = run('ex05-gradient-checkpointing', { checkpoint_every: 0 }).trace.steps;
    expect(k3.length).toBeGreaterThan(k0.length);
    const missing = expectAligned(k3, k0);
    const recomputes = k3.slice(0, -1).filter((s) => s.phase === 'recompute').length;
    expect(recomputes).toBeGreaterThan(0);
    // k = 0 frees differently too: every unmatched step is a recompute or a free.
    expect(missing.every((s) => s.phase === 'recompute' || s.phase === 'free')).toBe(true);
    expect(missing.filter((s) => s.phase === 'recompute').length).toBe(recomputes);
  });

  it('ex09 residual against plain: the branch nodes Fₖ have no counterpart, every hₖ has', () => {
    const residual = run('ex09-residual-flow', { residual: true });
    const plain = run('ex09-residual-flow', { residual: false });
    const missing = expectAligned(residual.trace.steps, plain.trace.steps);
    const plainNodes = new Set(plain.graph.nodes.map((n) => n.id));
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((s) => !plainNodes.has(s.node))).toBe(true);
    // Aligned the other way round, plain has a counterpart for every step.
    expect(expectAligned(plain.trace.steps, residual.trace.steps)).toEqual([]);
  });
});
