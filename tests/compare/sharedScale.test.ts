import { describe, expect, it } from 'vitest';
import { traceScaleOf } from '../../src/ui/canvas/heatScale';
import { encoderFor } from '../../src/ui/canvas/views';
import { startCompare } from '../../src/ui/compare/session';
import { compareOf } from '../../src/ui/compare/state';
import { createExplorerStore, type ExplorerStore } from '../../src/ui/store';
import { selectTimeline } from '../../src/ui/store/selectors';
import { gradEncoder } from '../../src/ui/trace/encoding';
import type { Timeline } from '../../src/ui/trace/timeline';
import { engineClient, until } from '../engineClient';

const timeline = (s: ExplorerStore): Timeline => selectTimeline(s.getState()) as Timeline;

describe('compare mode: both panes on one colour scale', () => {
  it('ex04 sigmoid vs ReLU + He: an equal ‖∇‖ gets an equal level, width and colour in A and B; the top is the pair’s largest', async () => {
    const client = engineClient();
    const a = createExplorerStore(client, { graph: 'ex04-vanishing-gradients' });
    await a.getState().init();
    const ta = timeline(a);
    // alone, A's scale tops at its own largest gradient
    expect(encoderFor(ta).level(ta.maxGradNorm)).toBeCloseTo(1, 12);
    const cmp = compareOf(a);
    cmp.getState().open({ activation: 'relu', init: 'he' });
    const stop = startCompare(a, cmp, client);
    const b = cmp.getState().b as ExplorerStore;
    await until(() => b.getState().run?.options.activation === 'relu', 'B’s run');
    const tb = timeline(b);
    const top = Math.max(ta.maxGradNorm, tb.maxGradNorm);
    // on their own scales the same norm would sit at different levels (the tops differ)
    expect(ta.maxGradNorm).not.toBe(tb.maxGradNorm);
    expect(gradEncoder(ta.maxGradNorm).level(top * 1e-3)).not.toBeCloseTo(gradEncoder(tb.maxGradNorm).level(top * 1e-3), 3);
    const [ea, eb] = [encoderFor(ta), encoderFor(tb)];
    for (const norm of [top, top / 10, top * 1e-3, top * 1e-5, 1, 0.38, 1.4e-9]) {
      expect(ea.level(norm), `level of ${norm}`).toBe(eb.level(norm));
      expect(ea.style(norm, null), `style of ${norm}`).toEqual(eb.style(norm, null));
    }
    expect(ea.level(top)).toBeCloseTo(1, 12);
    // six decades below the top is the floor (0), for both
    expect(eb.level(top * 1e-6)).toBeCloseTo(0, 12);
    // heatmaps on the trace scale: one maximum for both panes
    expect(traceScaleOf(ta)).toEqual(traceScaleOf(tb));
    expect(traceScaleOf(ta).grad).toBeGreaterThan(0);
    // leaving compare mode gives A its own scale back
    stop();
    expect(encoderFor(ta).level(ta.maxGradNorm)).toBeCloseTo(1, 12);
    expect(encoderFor(ta).level(top)).toBe(1); // clamped: A's top is below the pair's
  });
});
