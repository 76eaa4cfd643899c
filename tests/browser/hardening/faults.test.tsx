import '@xyflow/react/dist/style.css';
import { describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { createExplorerStore } from '../../../src/ui/store';
import { BACKWARD_INF_GRAPH, FORWARD_NAN_GRAPH } from './graphs';

const counter = () => document.querySelector('[data-testid=step-counter]')?.textContent?.replace(/\s+/g, ' ').trim();
const notice = () => document.querySelector('[data-testid=fault-notice]') as HTMLElement | null;
/** Nodes the canvas marks as faulty at the cursor. */
const marked = () =>
  [...document.querySelectorAll('.gf-node.is-fault')].map((e) => (e as HTMLElement).dataset.testid?.replace('node-', '')).sort();

async function explorerWith(spec: unknown) {
  const store = createExplorerStore(createInlineClient());
  await store.getState().init();
  expect(await store.getState().loadSpec(spec)).toBe(true);
  await render(<Explorer store={store} />);
  await expect.poll(() => document.querySelector('[data-testid=node-L]'), { timeout: 15_000 }).not.toBeNull();
  return store;
}

describe('NaN and Inf in a run: located, marked on the canvas, stepping still works', () => {
  test('forward: log of a negative first gives NaN at lx (step 1); the notice names it; nodes are marked as the cursor reaches them', async () => {
    const store = await explorerWith(FORWARD_NAN_GRAPH);
    const trace = store.getState().run?.trace;
    // log(−1) = NaN, and NaN·2 = NaN: the engine's values, checked against the definition
    expect(Number.isNaN(trace?.values.get('lx')?.data[0])).toBe(true);
    expect(Number.isNaN(trace?.values.get('L')?.data[0])).toBe(true);
    // ∂L/∂x = w/x = −2 is finite; ∂L/∂w = log x = NaN
    expect(trace?.grads.get('x')?.data[0]).toBe(-2);
    expect(Number.isNaN(trace?.grads.get('w')?.data[0])).toBe(true);
    expect(trace?.faults.map((f) => [f.step, f.node])).toEqual([
      [0, 'lx'],
      [1, 'L'],
      [3, 'L'],
    ]);

    await expect.poll(notice).not.toBeNull();
    expect(notice()?.dataset.node).toBe('lx');
    expect(notice()?.dataset.step).toBe('1');
    expect(notice()?.textContent).toContain(
      'It first appears at node “lx”, step 1 of 5 (forward pass): value of "lx" contains NaN or Inf.',
    );
    expect(notice()?.textContent).toContain('It spreads to 1 more node.');

    expect(counter()).toBe('0 / 5');
    expect(marked()).toEqual([]);
    store.getState().next();
    await expect.poll(marked).toEqual(['lx']);
    expect(document.querySelector('[data-testid=commentary]')?.textContent).toContain('⚠ value of "lx" contains NaN or Inf');
    store.getState().next();
    await expect.poll(marked).toEqual(['L', 'lx']);
    store.getState().last();
    await expect.poll(counter).toBe('5 / 5');
    store.getState().first();
    await expect.poll(marked).toEqual([]);
    expect(counter()).toBe('0 / 5');

    // the notice's button goes to the first fault and selects its node
    (document.querySelector('[data-testid=fault-notice] button') as HTMLButtonElement).click();
    await expect.poll(counter).toBe('1 / 5');
    expect(store.getState().selected).toBe('lx');
    expect(document.querySelector('[data-testid=node-lx]')?.classList.contains('is-selected')).toBe(true);

    // a finite x: no fault, no notice, nothing marked
    await store.getState().setInput('x', '2');
    await expect.poll(notice).toBeNull();
    expect(store.getState().run?.trace.faults).toEqual([]);
    expect(store.getState().run?.trace.values.get('L')?.data[0]).toBeCloseTo(2 * Math.log(2), 6);
    expect(marked()).toEqual([]);
  });

  test('backward: √x at 0 is finite going forward; its backward step sends +∞ to x (step 5 of 5)', async () => {
    const store = await explorerWith(BACKWARD_INF_GRAPH);
    const trace = store.getState().run?.trace;
    expect(trace?.values.get('r')?.data[0]).toBe(0);
    expect(trace?.values.get('L')?.data[0]).toBe(0);
    // ∂L/∂x = w · ½ · x^(−½) at x = 0: +∞; ∂L/∂w = √x = 0
    expect(trace?.grads.get('x')?.data[0]).toBe(Number.POSITIVE_INFINITY);
    expect(trace?.grads.get('w')?.data[0]).toBe(0);
    expect(trace?.faults.map((f) => [f.step, f.node])).toEqual([[4, 'r']]);

    await expect.poll(notice).not.toBeNull();
    expect(notice()?.textContent).toContain(
      'It first appears at node “r”, step 5 of 5 (backward pass): gradient of "r" contains NaN or Inf.',
    );
    expect(notice()?.textContent).not.toContain('spreads');

    store.getState().seek(4);
    await expect.poll(counter).toBe('4 / 5');
    expect(marked()).toEqual([]);
    store.getState().next();
    await expect.poll(marked).toEqual(['r']);
    await expect
      .poll(() => document.querySelector('[data-testid=gf-edge][data-edge-id="x->r#0"]')?.getAttribute('data-phase'))
      .toBe('backward');
    store.getState().prev();
    await expect.poll(marked).toEqual([]);
    expect(counter()).toBe('4 / 5');
  });
});
