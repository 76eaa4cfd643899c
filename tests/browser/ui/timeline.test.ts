import { describe, expect, test } from 'vitest';
import { edgeId } from '../../../src/engine/trace';
import { buildTimeline } from '../../../src/ui/trace/timeline';
import { l2, tinyGraph, tinyTrace } from './fixtures';

const values = (s: { data: Float32Array } | null) => (s ? Array.from(s.data) : null);

describe('buildTimeline (per-cursor view of a trace)', () => {
  const t = buildTimeline(tinyTrace(), tinyGraph());

  test('cursor 0: leaves show their given values, computed nodes nothing, every edge idle', () => {
    expect(t.length).toBe(9);
    expect(values(t.nodeAt('a', 0).value)).toEqual([2]);
    expect(t.nodeAt('a', 0).valueState).toBe('given');
    expect(t.nodeAt('c', 0).value).toBeNull();
    expect(t.nodeAt('c', 0).valueState).toBe('pending');
    expect(t.edgeAt(edgeId('a', 'c', 0), 0).phase).toBe('idle');
    expect(t.stepAt(0)).toBeNull();
  });

  test('a value appears when the forward pass reaches its node, and its input edges turn forward', () => {
    expect(t.nodeAt('c', 1).value && values(t.nodeAt('c', 1).value)).toEqual([2, -6]);
    expect(t.nodeAt('s', 1).value).toBeNull();
    expect(values(t.nodeAt('s', 2).value)).toEqual([-4]);
    const ab = t.edgeAt(edgeId('b', 'c', 1), 1);
    expect(ab.phase).toBe('forward');
    expect(ab.valueNorm).toBeCloseTo(l2([1, -3]), 6);
    expect(ab.gradNorm).toBeNull();
    expect([...t.activeAt(1).edges].sort()).toEqual([edgeId('a', 'c', 0), edgeId('b', 'c', 1)].sort());
  });

  test('gradients arrive in reverse order; fan-out sums are partial until the last consumer sends', () => {
    expect(t.nodeAt('L', 5).gradState).toBe('complete'); // seed
    expect(values(t.nodeAt('t', 6).grad)).toEqual([-4]);
    // after t's backward step, a holds only the part through t: −4
    expect(values(t.nodeAt('a', 7).grad)).toEqual([-4]);
    expect(t.nodeAt('a', 7).gradState).toBe('partial');
    // after c's backward step: −4 + 8 = 4, complete
    expect(values(t.nodeAt('a', 9).grad)).toEqual([4]);
    expect(t.nodeAt('a', 9).gradState).toBe('complete');
    expect(values(t.nodeAt('b', 9).grad)).toEqual([-8, -8]);
    expect(t.nodeAt('k', 9).grad).toBeNull();
  });

  test('backward edges carry the norm and sign of the gradient they sent', () => {
    const ac = t.edgeAt(edgeId('a', 'c', 0), 9);
    expect(ac.phase).toBe('backward');
    expect(ac.gradNorm).toBeCloseTo(8, 6);
    expect(ac.gradSign).toBe(1);
    const bc = t.edgeAt(edgeId('b', 'c', 1), 9);
    expect(bc.gradNorm).toBeCloseTo(l2([-8, -8]), 5);
    expect(bc.gradSign).toBeNull();
    expect(t.edgeAt(edgeId('t', 'L', 0), 9).gradSign).toBe(-1);
    expect(t.maxGradNorm).toBeCloseTo(l2([-8, -8]), 5);
  });

  test('stepping back is exact: the view at k is the same object however k was reached', () => {
    const forwardOnly = t.nodeAt('c', 3);
    for (let c = 9; c >= 0; c--) t.nodeAt('c', c);
    expect(t.nodeAt('c', 3)).toBe(forwardOnly);
    expect(t.edgeAt(edgeId('a', 'c', 0), 3).phase).toBe('forward');
    expect(t.edgeAt(edgeId('a', 'c', 0), 3).gradNorm).toBeNull();
    // unchanged nodes share their view between cursors (memoised nodes do not re-render)
    expect(t.nodeAt('L', 5)).not.toBe(t.nodeAt('L', 4));
    expect(t.nodeAt('k', 0)).toBe(t.nodeAt('k', 9));
  });

  test('cursors outside 0…N are clamped', () => {
    expect(t.nodeAt('a', 99)).toBe(t.nodeAt('a', 9));
    expect(t.nodeAt('c', -5)).toBe(t.nodeAt('c', 0));
  });

  test('segments colour the scrubber by phase', () => {
    expect(t.segments).toEqual([
      { kind: 'forward', from: 0, to: 4 },
      { kind: 'backward', from: 4, to: 9 },
    ]);
  });

  test('predict mode hides what the step just done sent, not the node it ran at', () => {
    // cursor 7: t's backward step sent −4 to s and to a
    expect(t.isPredictable(7)).toBe(true);
    expect(t.nodeAt('a', 7, true)).toBe(t.nodeAt('a', 6));
    expect(t.nodeAt('s', 7, true).grad).toBeNull();
    expect(t.nodeAt('t', 7, true)).toBe(t.nodeAt('t', 7));
    expect(t.edgeAt(edgeId('a', 't', 1), 7, true).phase).toBe('forward');
    expect(t.isPredictable(3)).toBe(false);
  });
});

describe('checkpointed trace: freed activations vanish and come back', () => {
  const t = buildTimeline(tinyTrace(true), tinyGraph());

  test('free removes the value; recompute restores it', () => {
    // t (layer 3) is no checkpoint: freed after the forward pass, recomputed before L's backward step
    const free = t.steps.findIndex((s) => s.phase === 'free' && s.node === 't');
    const rec = t.steps.findIndex((s) => s.phase === 'recompute' && s.node === 't');
    expect(free).toBeGreaterThan(t.forwardStepOf.get('L') ?? Infinity);
    expect(rec).toBeGreaterThan(free);
    expect(rec).toBeLessThan(t.backwardStepOf.get('L') ?? -1);
    expect(values(t.nodeAt('t', free).value)).toEqual([-2]);
    expect(t.nodeAt('t', free + 1).value).toBeNull();
    expect(t.nodeAt('t', free + 1).valueState).toBe('freed');
    expect(values(t.nodeAt('t', rec + 1).value)).toEqual([-2]);
    expect(t.nodeAt('t', rec + 1).valueState).toBe('recomputed');
    // segments follow the step kinds: free and recompute are memory
    const kinds = t.steps.map((s) =>
      s.phase === 'forward' ? 'forward' : s.phase === 'free' || s.phase === 'recompute' ? 'memory' : 'backward',
    );
    expect(t.segments.map((s) => s.kind)).toEqual(kinds.filter((k, i) => k !== kinds[i - 1]));
    expect(t.segments.map((s) => s.kind)).toContain('memory');
  });
});

describe('faults', () => {
  test('a node is marked from the step that produced NaN/Inf on', () => {
    const trace = tinyTrace();
    const steps = trace.steps.map((s) =>
      s.node === 's' && s.phase === 'forward' ? { ...s, fault: 'value of "s" contains NaN or Inf' } : s,
    );
    const t = buildTimeline({ ...trace, steps }, tinyGraph());
    expect(t.nodeAt('s', 1).fault).toBeNull();
    expect(t.nodeAt('s', 2).fault).toBe('value of "s" contains NaN or Inf');
    expect(t.nodeAt('s', 9).fault).toBe('value of "s" contains NaN or Inf');
    expect(t.nodeAt('c', 9).fault).toBeNull();
  });
});
