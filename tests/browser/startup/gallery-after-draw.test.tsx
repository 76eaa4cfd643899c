import { expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { setCanvasDrawn } from '../../../src/ui/canvas/ready';
import { createInlineClient } from '../../../src/ui/compute/client';
import { GraphList } from '../../../src/ui/sidebar/GraphList';
import { createExplorerStore } from '../../../src/ui/store';
import { ExplorerProvider } from '../../../src/ui/store/context';

/**
 * The sidebar's gallery reads its titles by parsing every .gf file (the parser's chunk and
 * ~100 ms of main thread on a cold load): not while the first graph is on its way. It loads once
 * the canvas has drawn a graph.
 */

const gallery = () =>
  [...document.querySelectorAll('.gf-graphlist section')]
    .find((s) => s.querySelector('h2')?.textContent === 'Examples')
    ?.querySelectorAll('button').length ?? 0;

test('the gallery waits for the first drawn graph, then lists the five examples', async () => {
  const store = createExplorerStore(createInlineClient(), { graph: 'ex01-scalar-chain-rule' });
  await store.getState().init();
  setCanvasDrawn(store, false);
  await render(
    <ExplorerProvider store={store}>
      <GraphList />
    </ExplorerProvider>,
  );
  await expect.poll(() => document.querySelector('.gf-graphlist h2')?.textContent).toBeTruthy();
  // A second with the canvas still drawing (well within the gallery's 3 s cap): no gallery yet.
  await new Promise((r) => setTimeout(r, 1000));
  expect(gallery()).toBe(0);
  setCanvasDrawn(store, true);
  await expect.poll(gallery, { timeout: 5000 }).toBe(5);
});

test('with a canvas that never draws, the gallery still comes, after its 3 s cap', async () => {
  const store = createExplorerStore(createInlineClient(), { graph: 'ex01-scalar-chain-rule' });
  await store.getState().init();
  setCanvasDrawn(store, false);
  const t0 = performance.now();
  await render(
    <ExplorerProvider store={store}>
      <GraphList />
    </ExplorerProvider>,
  );
  await expect.poll(gallery, { timeout: 10_000 }).toBe(5);
  expect(performance.now() - t0).toBeGreaterThanOrEqual(2900);
});
