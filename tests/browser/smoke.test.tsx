import '@xyflow/react/dist/style.css';
import { expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { EXERCISES } from '../../graphs/index';
import { createInlineClient } from '../../src/ui/compute/client';
import { Explorer } from '../../src/ui/Explorer';
import { createExplorerStore } from '../../src/ui/store';
import { selectGraphId } from '../../src/ui/store/selectors';

const counter = () => document.querySelector('[data-testid=step-counter]')?.textContent?.replace(/\s+/g, ' ').trim();

test('with no link, the explorer opens the first exercise on the real engine: every node drawn, every exercise listed', async () => {
  const store = createExplorerStore(createInlineClient());
  await store.getState().init();
  expect(selectGraphId(store.getState())).toBe('ex01-scalar-chain-rule');
  const run = store.getState().run;
  if (!run) throw new Error(`no run: ${JSON.stringify(store.getState().problems)}`);
  await render(<Explorer store={store} />);
  await expect.poll(counter, { timeout: 20_000 }).toBe(`0 / ${run.trace.steps.length}`);
  await expect
    .poll(() => document.querySelectorAll('[data-testid=canvas] [data-testid^="node-"]').length, { timeout: 20_000 })
    .toBe(run.graph.nodes.length);
  for (const n of run.graph.nodes) expect(document.querySelector(`[data-testid="node-${n.id}"]`), n.id).not.toBeNull();
  expect(document.querySelector('[data-testid=graph-title]')?.textContent).toBe(run.graph.title);
  const listed = [...document.querySelectorAll('nav button, nav a')].map((b) => b.textContent ?? '');
  for (const ex of EXERCISES)
    expect(
      listed.some((t) => t.includes(ex.title)),
      ex.id,
    ).toBe(true);
});
