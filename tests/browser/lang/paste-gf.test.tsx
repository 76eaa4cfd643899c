import '@xyflow/react/dist/style.css';
import { describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { createExplorerStore } from '../../../src/ui/store';
import { MICRO } from '../../lang/micro';

const title = () => document.querySelector('[data-testid=graph-title]')?.textContent;
const panel = () => document.querySelector('[data-testid=error-panel]')?.textContent ?? '';

describe('the explorer opens graph-language text (real engine, Chromium)', () => {
  test('pasting the micrograd sanity expression gives a graph whose backward reaches x with 46', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex01-scalar-chain-rule' });
    await store.getState().init();
    const screen = await render(<Explorer store={store} />);
    await screen.getByRole('button', { name: 'Paste JSON…' }).click();
    const box = screen.getByRole('textbox', { name: 'graph JSON' });
    await userEvent.fill(box, MICRO);
    await screen.getByRole('button', { name: 'Load', exact: true }).click();
    await expect.poll(() => store.getState().run?.graph.nodes.some((n) => n.id === 'z.scale'), { timeout: 15_000 }).toBe(true);
    const run = store.getState().run;
    expect(run?.trace.values.get('y')?.data[0]).toBe(-20);
    expect(run?.trace.grads.get('x')?.data[0]).toBe(46);
    expect(store.getState().problems).toBeNull();
    // the intermediate nodes of `z = 2 * x + 2 + x` are on the canvas under their generated ids
    // (once the layout worker has laid out the new graph: as long as the run may take, not poll's 1 s)
    await expect.poll(() => document.querySelector('[data-testid="node-z.scale"]'), { timeout: 15_000 }).not.toBeNull();
    store.getState().last();
    await expect
      .poll(() => document.querySelector('[data-testid=step-counter]')?.textContent?.replace(/\s+/g, ' ').trim())
      .toMatch(/^(\d+) \/ \1$/);
    expect(title()).not.toBe('Ex 1 · Scalar chain rule');
  });

  test('"Examples" lists the gallery; a click opens the graph file, options included', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex01-scalar-chain-rule' });
    await store.getState().init();
    const screen = await render(<Explorer store={store} />);
    // The gallery's module (it reads titles with the .gf parser) loads once the first graph is drawn.
    const names = () =>
      [...document.querySelectorAll('.gf-graphlist section')].find((s) => s.querySelector('h2')?.textContent === 'Examples');
    await expect
      .poll(() => [...(names()?.querySelectorAll('button') ?? [])].map((b) => b.textContent), { timeout: 15_000 })
      .toEqual([
        'A dropout layer',
        'LayerNorm + GELU MLP block',
        'micrograd sanity check',
        '2-layer tanh MLP, softmax cross-entropy',
        'Two-head self-attention',
      ]);
    await screen.getByRole('button', { name: 'micrograd sanity check' }).click();
    await expect.poll(() => store.getState().run?.trace.grads.get('x')?.data[0], { timeout: 15_000 }).toBe(46);
    await screen.getByRole('button', { name: '2-layer tanh MLP, softmax cross-entropy' }).click();
    await expect.poll(() => store.getState().run?.graph.options.map((o) => o.name)).toEqual(['activation']);
  });

  test('a .gf syntax error shows its line and column; the graph on the canvas stays', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex01-scalar-chain-rule' });
    await store.getState().init();
    await render(<Explorer store={store} />);
    const before = title();
    await store.getState().loadSpecText('x = 3\ny = relu(x\nobjective y\n');
    await expect.poll(panel).toContain('line 3, column 1: unexpected "objective" in the arguments of a call');
    expect(title()).toBe(before);
  });

  test('what the engine refuses in pasted .gf text is told at its line and column, as the CLI tells it', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex01-scalar-chain-rule' });
    await store.getState().init();
    await render(<Explorer store={store} />);
    const before = title();
    await store.getState().loadSpecText('x = 3\ny = rleu(x)\nz = add(y)\nobjective z\n');
    await expect.poll(panel).toContain('line 2, column 5: unknown op "rleu" (did you mean "relu"?)');
    expect(panel()).toContain('line 3, column 5: add takes 2 inputs (a, b), got 1');
    expect(store.getState().problems?.map((p) => [p.node, p.field])).toEqual([
      ['y', 'op'],
      ['z', 'inputs'],
    ]);
    expect(title()).toBe(before);
  });
});
