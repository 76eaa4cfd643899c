import '@xyflow/react/dist/style.css';
import { describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { createExplorerStore } from '../../../src/ui/store';
import { selectStep, selectTimeline } from '../../../src/ui/store/selectors';

const counter = () => document.querySelector('[data-testid=step-counter]')?.textContent?.replace(/\s+/g, ' ').trim();

describe('an option change keeps what the cursor means (real engine, ex04)', () => {
  test('"end" stays the end when the residual toggle adds steps', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex04-vanishing-gradients' });
    await store.getState().init();
    const plain = selectTimeline(store.getState())?.length ?? 0;
    const screen = await render(<Explorer store={store} graphList={false} />);
    await expect.poll(counter, { timeout: 20_000 }).toBe(`0 / ${plain}`);
    store.getState().last();
    await expect.poll(counter).toBe(`${plain} / ${plain}`);
    await screen.getByRole('checkbox', { name: /Residual/ }).click();
    await expect.poll(() => store.getState().options.residual, { timeout: 20_000 }).toBe(true);
    const residual = selectTimeline(store.getState())?.length ?? 0;
    expect(residual).toBeGreaterThan(plain);
    expect(counter()).toBe(`${residual} / ${residual}`);
  });

  test('a backward step at a node stays that node’s backward step; a forward step stays forward', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex04-vanishing-gradients' });
    await store.getState().init();
    const t0 = selectTimeline(store.getState());
    if (!t0) throw new Error('no run');
    // the last backward step that is not the final step (the raw-number trap: N − 1 of N)
    const at = t0.length - 1;
    const before = t0.stepAt(at);
    expect(before?.phase).toBe('backward');
    store.getState().seek(at);
    await store.getState().setOption('residual', true);
    const after = selectStep(store.getState());
    expect({ node: after?.node, phase: after?.phase }).toEqual({ node: before?.node, phase: before?.phase });
    expect(store.getState().cursor).not.toBe(at);
    // and a forward step in the middle of the forward pass
    const fwd = (selectTimeline(store.getState())?.forwardStepOf.get(before?.node ?? '') ?? -1) + 1;
    store.getState().seek(fwd);
    const node = selectStep(store.getState())?.node;
    await store.getState().setOption('residual', false);
    expect(selectStep(store.getState())).toMatchObject({ node, phase: 'forward' });
  });
});
