import '@xyflow/react/dist/style.css';
import { expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { type ComputeClient, createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { createExplorerStore } from '../../../src/ui/store';
import { TINY_SPEC } from '../ui/fixtures';

/**
 * A new graph is laid out from its structure while its run computes (issue 12, first graph on
 * screen), and nothing of it is drawn before its run: the run's layout is the one already made.
 */

const layouts = () => performance.getEntriesByName('gf:layout').length;

test('the layout starts before the run is in; the graph is drawn once the run is, with no second layout', async () => {
  const engine = createInlineClient();
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  let runs = 0;
  const client: ComputeClient = {
    ...engine,
    run: async (req) => {
      const out = await engine.run(req);
      runs++;
      await gate;
      return out;
    },
  };
  const before = layouts();
  const store = createExplorerStore(client, { spec: TINY_SPEC });
  void store.getState().init();
  await render(<Explorer store={store} graphList={false} />);

  // The run is computed and held back: its graph is laid out meanwhile, and nothing is drawn.
  await expect.poll(() => runs, { timeout: 20_000 }).toBe(1);
  await expect.poll(layouts, { timeout: 20_000 }).toBe(before + 1);
  expect(store.getState().run).toBeNull();
  expect(store.getState().upcoming?.graph.id).toBe('tiny');
  expect(document.querySelectorAll('.react-flow__node')).toHaveLength(0);
  expect(document.querySelector('[data-testid=canvas]')).toBeNull();

  release();
  await expect.poll(() => document.querySelector('[data-testid=canvas]')?.getAttribute('data-drawn'), { timeout: 20_000 }).toBe('true');
  expect(store.getState().upcoming).toBeNull();
  expect(layouts()).toBe(before + 1);
  const drawn = [...document.querySelectorAll('[data-testid^="node-"]')].map((e) => e.getAttribute('data-testid'));
  for (const id of ['a', 'b', 'c', 's', 't', 'L']) expect(drawn).toContain(`node-${id}`);
});
