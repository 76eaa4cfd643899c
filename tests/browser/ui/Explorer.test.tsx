import '@xyflow/react/dist/style.css';
import { describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { Explorer } from '../../../src/ui/Explorer';
import { tinyRun, tinyStore } from './fixtures';

const counter = () => document.querySelector('[data-testid=step-counter]')?.textContent?.replace(/\s+/g, ' ').trim();
const edge = (id: string) => document.querySelector(`[data-testid=gf-edge][data-edge-id="${id}"]`) as SVGGElement | null;
/** The canvas says it has drawn the graph (the frame after its edges mount): step keys act at once from then on. */
const drawn = () =>
  expect.poll(() => document.querySelector('[data-testid=canvas]')?.getAttribute('data-drawn'), { timeout: 15_000 }).toBe('true');

describe('Explorer with the tiny graph the engine ran', () => {
  test('keys step, the counter reads k / N, edges follow the cursor, typing does not step', async () => {
    const { store } = await tinyStore();
    await render(<Explorer store={store} graphList={false} />);
    await expect.poll(counter).toBe('0 / 9');
    await expect.poll(() => edge('a->c#0'), { timeout: 15_000 }).not.toBeNull();
    await drawn();
    expect(edge('a->c#0')?.dataset.phase).toBe('idle');

    await userEvent.keyboard('{ArrowRight}');
    expect(counter()).toBe('1 / 9');
    expect(edge('a->c#0')?.dataset.phase).toBe('forward');
    expect(edge('a->c#0')?.dataset.active).toBe('true');
    expect(document.querySelector('[data-testid=commentary]')?.textContent).toContain(tinyRun().trace.steps[0]?.commentary);

    await userEvent.keyboard('{End}');
    expect(counter()).toBe('9 / 9');
    expect(edge('a->c#0')?.dataset.phase).toBe('backward');
    expect(Number(edge('a->c#0')?.dataset.gradNorm)).toBe(8);
    expect(Number(edge('t->L#0')?.dataset.gradNorm)).toBe(4);
    expect(edge('k->x#0')).toBeNull();

    await userEvent.keyboard('{ArrowLeft}');
    expect(counter()).toBe('8 / 9');
    expect(edge('a->c#0')?.dataset.phase).toBe('forward');
    expect(edge('a->c#0')?.dataset.gradNorm).toBe('');

    await userEvent.keyboard('{Home}');
    expect(counter()).toBe('0 / 9');

    // typing in a field never steps: arrows move the caret there
    store.getState().select('b');
    await expect.poll(() => document.querySelector('textarea[aria-label="JSON value of b"]')).not.toBeNull();
    const field = document.querySelector('textarea[aria-label="JSON value of b"]') as HTMLTextAreaElement;
    field.focus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{End}{Home}');
    expect(counter()).toBe('0 / 9');
    expect(document.activeElement).toBe(field);
  });

  test('the scrubber has one segment per phase run, coloured forward / backward', async () => {
    const { store } = await tinyStore();
    await render(<Explorer store={store} graphList={false} />);
    await expect.poll(() => document.querySelectorAll('.gf-scrubber__seg').length).toBe(2);
    const segs = [...document.querySelectorAll<HTMLElement>('.gf-scrubber__seg')];
    expect(segs.map((s) => s.className)).toEqual([
      'gf-scrubber__seg gf-scrubber__seg--forward',
      'gf-scrubber__seg gf-scrubber__seg--backward',
    ]);
    expect(Number.parseFloat(segs[0]?.style.width ?? '')).toBeCloseTo((100 * 4) / 9, 3);
  });

  test('buttons step too; a node shows its value once the forward pass reaches it', async () => {
    const { store } = await tinyStore();
    const screen = await render(<Explorer store={store} graphList={false} />);
    await expect.poll(() => document.querySelector('[data-testid=node-c]'), { timeout: 15_000 }).not.toBeNull();
    const c = () => document.querySelector('[data-testid=node-c]') as HTMLElement;
    expect(c().dataset.valueState).toBe('pending');
    await screen.getByRole('button', { name: /next step/ }).click();
    expect(c().dataset.valueState).toBe('computed');
    // One canvas per tensor in a node; hovering a cell names it and its value.
    const map = c().querySelector('canvas.gf-heatmap') as HTMLCanvasElement;
    expect(c().querySelectorAll('.gf-heatmap rect').length).toBe(0);
    const titleAt = (k: number) => {
      const r = map.getBoundingClientRect();
      const x = r.left + (((k % map.width) + 0.5) * r.width) / map.width;
      const y = r.top + ((Math.floor(k / map.width) + 0.5) * r.height) / map.height;
      map.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true }));
      return map.title;
    };
    expect([titleAt(0), titleAt(1)]).toEqual(['[0] = 2', '[1] = −6']);
    await screen.getByRole('button', { name: /last step/ }).click();
    expect(c().dataset.gradState).toBe('complete');
    expect(document.querySelector('[data-testid=node-a]')?.getAttribute('data-grad-state')).toBe('complete');
  });

  test('an error from the engine shows a located error panel; the canvas keeps the last good run', async () => {
    const { store } = await tinyStore();
    await render(<Explorer store={store} graphList={false} />);
    await expect.poll(() => edge('a->c#0'), { timeout: 15_000 }).not.toBeNull();
    store.getState().last();
    const good = store.getState().run;
    await expect.poll(() => edge('a->c#0')?.dataset.phase).toBe('backward');
    await store.getState().setInput('b', '[1, "x"]');
    await expect.poll(() => document.querySelector('[data-testid=error-panel]')).not.toBeNull();
    const item = document.querySelector('[data-testid=error-panel] li') as HTMLElement;
    expect(item.dataset.node).toBe('b');
    expect(item.dataset.field).toBe('value');
    // the canvas keeps the last good run: the same run object, its seven nodes, its gradients
    expect(store.getState().run).toBe(good);
    expect(store.getState().inputs).toEqual({});
    expect(document.querySelectorAll('[data-testid=canvas] [data-testid^="node-"]').length).toBe(7);
    expect(edge('a->c#0')?.dataset.phase).toBe('backward');
    expect(Number(edge('a->c#0')?.dataset.gradNorm)).toBe(8);
  });
});

describe('presenter mode on the canvas', () => {
  test('every gradient edge carries its ‖∇‖ as a label; forward and idle edges carry none', async () => {
    const { store } = await tinyStore({ present: true });
    // The whole graph in view (following would frame one step; edges off screen are not mounted).
    const { canvasViewOf } = await import('../../../src/ui/canvas/viewState');
    canvasViewOf(store).getState().setFollow(false);
    await render(<Explorer store={store} graphList={false} />);
    await expect.poll(() => edge('a->c#0'), { timeout: 15_000 }).not.toBeNull();
    await drawn();
    const label = (id: string) => edge(id)?.querySelector('[data-testid=edge-label]')?.textContent ?? null;
    expect(label('a->c#0')).toBeNull();
    await userEvent.keyboard('{ArrowRight}');
    expect(edge('a->c#0')?.dataset.phase).toBe('forward');
    expect(label('a->c#0')).toBeNull();
    await userEvent.keyboard('{End}');
    expect(label('a->c#0')).toBe('8e0');
    expect(label('t->L#0')).toBe('4e0');
    for (const e of document.querySelectorAll<SVGGElement>('[data-testid=gf-edge][data-phase=backward]')) {
      expect(e.querySelector('[data-testid=edge-label]')?.textContent, e.dataset.edgeId).toMatch(/^\d(\.\d)?e−?\d+$|^0$/);
    }
  });
});

describe('heatmap scale', () => {
  test('per tensor by default; across the whole trace on request, so a small gradient looks small', async () => {
    const { heatColour } = await import('../../../src/ui/trace/encoding');
    const { canvasViewOf } = await import('../../../src/ui/canvas/viewState');
    const { store } = await tinyStore();
    await render(<Explorer store={store} graphList={false} />);
    await expect.poll(() => document.querySelector('[data-testid=node-c]'), { timeout: 15_000 }).not.toBeNull();
    store.getState().last();
    // The largest |gradient entry| anywhere in the trace, counted here from the trace itself.
    let traceMax = 0;
    for (const s of store.getState().run?.trace.steps ?? []) {
      for (const g of [s.grad, ...(s.sent ?? []).map((x) => x.grad)])
        for (const v of g?.data ?? []) traceMax = Math.max(traceMax, Math.abs(v));
    }
    // The node's gradient heatmap is a <canvas>, one pixel per entry: read its colours back.
    const grad = () => document.querySelector<HTMLCanvasElement>('[data-testid=node-c] .gf-node__part--grad canvas.gf-heatmap');
    const cells = () => {
      const c = grad();
      if (!c) return [];
      const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      return [0, 1].map((k) => `rgb(${d[4 * k]}, ${d[4 * k + 1]}, ${d[4 * k + 2]})`);
    };
    await expect.poll(() => grad()?.dataset.scale).toBe('4');
    // c's gradient is [−4, −4]: per tensor it is as dark as the darkest blue, across the trace lighter.
    expect(traceMax).toBeGreaterThan(4);
    expect(cells()).toEqual([heatColour(-4, 4), heatColour(-4, 4)]);
    canvasViewOf(store).getState().setHeatScale('trace');
    await expect.poll(() => grad()?.dataset.scale).toBe(String(traceMax));
    await expect.poll(cells).toEqual([heatColour(-4, traceMax), heatColour(-4, traceMax)]);
    expect(heatColour(-4, traceMax)).not.toBe(heatColour(-4, 4));
    expect(document.querySelector('[data-testid=heat-scale]')?.getAttribute('aria-pressed')).toBe('true');
  });
});
