import '@xyflow/react/dist/style.css';
import '../../../src/ui/styles.css';
import { describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { syntheticGraph } from '../../../bench/synthetic';
import { FRAME_WHEN_FIT_BELOW } from '../../../src/ui/canvas/camera/Camera';
import { createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { createExplorerStore } from '../../../src/ui/store';

/** React Flow's zoom, from the viewport's transform. */
const zoom = () => {
  const t = (document.querySelector('.react-flow__viewport') as HTMLElement | null)?.style.transform ?? '';
  return Number(/scale\(([\d.e-]+)\)/.exec(t)?.[1] ?? Number.NaN);
};

/** The most React Flow nodes in the DOM at any moment since the last `watchMounted()`. */
let mostMounted = 0;
function watchMounted() {
  mostMounted = 0;
  const mo = new MutationObserver(() => {
    mostMounted = Math.max(mostMounted, document.querySelectorAll('.react-flow__node').length);
  });
  mo.observe(document.body, { childList: true, subtree: true });
  return () => mo.disconnect();
}

async function open(kind: 'wide' | 'chain', n: number, size = { width: 1280, height: 800 }) {
  const store = createExplorerStore(createInlineClient());
  await store.getState().loadSpec(syntheticGraph(kind, n));
  const stop = watchMounted();
  await render(
    <div style={{ width: size.width, height: size.height }}>
      <Explorer store={store} controls="steps" graphList={false} />
    </div>,
  );
  await expect.poll(() => document.querySelectorAll('.react-flow__node').length, { timeout: 60_000 }).toBeGreaterThan(0);
  await expect.poll(zoom).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 300));
  stop();
  return store;
}

describe('a graph too big to read fitted opens at a legible zoom', () => {
  // Wrapped into columns at the canvas's aspect, a 2,000-node wide graph fits a 1280×800 canvas at
  // ≈ 0.12; in a 480×300 one its nodes would be a few px.
  test('a wide graph (fitted, its nodes would be a few px) opens framed on its first step; `0` fits it all', async () => {
    await open('wide', 2000, { width: 480, height: 300 });
    // Framed: labels at their legible size, and only what is in view is mounted.
    expect(zoom()).toBeGreaterThan(0.9);
    const mounted = document.querySelectorAll('.react-flow__node').length;
    expect(mounted).toBeLessThan(40);
    // Never more, not even for a moment: React Flow is given every node's handles and size, so it
    // need not render the 250 nodes out of view once to measure them.
    expect(mostMounted).toBeLessThanOrEqual(mounted);
    expect(document.querySelector('[data-testid=group-branch1]')).not.toBeNull();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '0', bubbles: true }));
    await expect.poll(zoom, { timeout: 5000 }).toBeLessThan(FRAME_WHEN_FIT_BELOW);
  }, 120_000);

  test('a wide graph wrapped into columns opens fitted whole when that reads as an overview (wide-500, 1280×800)', async () => {
    await open('wide', 500);
    expect(zoom()).toBeGreaterThanOrEqual(FRAME_WHEN_FIT_BELOW);
    // Fitted: the input and the loss are both on screen.
    expect(document.querySelector('[data-testid=node-x]')).not.toBeNull();
    expect(document.querySelector('[data-testid=node-loss]')).not.toBeNull();
  }, 120_000);

  test('a chain that fits at a readable zoom still opens fitted whole', async () => {
    await open('chain', 100);
    const z = zoom();
    expect(z).toBeGreaterThanOrEqual(FRAME_WHEN_FIT_BELOW);
    // Fitted: the first and the last node are both on screen.
    expect(document.querySelector('[data-testid=node-x]')).not.toBeNull();
    expect(document.querySelector('[data-testid=node-loss]')).not.toBeNull();
  }, 120_000);
});
