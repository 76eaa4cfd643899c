import '@xyflow/react/dist/style.css';
import '../../../src/ui/styles.css';
import { describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { syntheticGraph } from '../../../bench/synthetic';
import { createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { createExplorerStore } from '../../../src/ui/store';
import { selectTimeline } from '../../../src/ui/store/selectors';

const MEMBERS = ['X->q1#0', 'X->k1#0', 'X->v1#0', 'X->h1#0'];

describe('a merged edge into a folded block on the canvas', () => {
  test('drawn once, carrying the summed ‖∇‖ of its members; its tooltip lists them', async () => {
    const store = createExplorerStore(createInlineClient());
    await store.getState().loadSpec(syntheticGraph('attention', 27));
    store.setState({ folded: { attn1: true, attn2: true } });
    await render(
      <div style={{ width: 1280, height: 800 }}>
        <Explorer store={store} controls="steps" graphList={false} />
      </div>,
    );
    const edge = () => document.querySelector('[data-testid=gf-edge][data-edge-id="X->q1#0"]');
    await expect.poll(() => edge(), { timeout: 30_000 }).not.toBeNull();
    expect(edge()?.getAttribute('data-merged')).toBe('4');
    // The other members are not drawn on their own.
    for (const id of MEMBERS.slice(1)) expect(document.querySelector(`[data-edge-id="${id}"]`)).toBeNull();
    expect(document.querySelectorAll('[data-testid=gf-edge][data-merged]')).toHaveLength(2); // X → block 1, block 1 → block 2

    const t = selectTimeline(store.getState());
    if (!t) throw new Error('no timeline');
    store.getState().seek(t.length);
    const norms = MEMBERS.map((id) => t.edgeAt(id, t.length).gradNorm as number);
    const sum = norms.reduce((a, b) => a + b, 0);
    await expect.poll(() => Number(edge()?.getAttribute('data-grad-norm'))).toBeCloseTo(sum, 6);
    expect(edge()?.getAttribute('data-phase')).toBe('backward');
    const title = edge()?.querySelector('title')?.textContent ?? '';
    expect(title).toContain('4 edges drawn as one, ‖∇‖ summed');
    for (const to of ['q1', 'k1', 'v1', 'h1']) expect(title).toContain(`X → ${to}: ‖∇‖ = `);

    // At the step where one member's gradient comes back, the merged edge is the step's edge (it animates).
    const step = t.steps.find((s) => s.phase === 'backward' && s.edges.includes('X->k1#0'));
    if (!step) throw new Error('no backward step through X → k1');
    store.getState().seek(step.index + 1);
    await expect.poll(() => edge()?.getAttribute('data-active')).toBe('true');
  }, 60_000);
});
