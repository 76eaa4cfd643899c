import '@xyflow/react/dist/style.css';
import { beforeEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { DRAFT_KEY } from '../../../src/ui/editor/draft';
import { createExplorerStore } from '../../../src/ui/store';
import { MICRO } from '../../lang/micro';

const content = () => document.querySelector<HTMLElement>('[data-testid=editor-pane] .cm-content');
const problemList = () => document.querySelector('[data-testid=editor-problems]')?.textContent ?? '';

async function explorer() {
  const store = createExplorerStore(createInlineClient(), { graph: 'ex01-scalar-chain-rule' });
  await store.getState().init();
  const screen = await render(<Explorer store={store} />);
  return { store, screen };
}

/** Replaces the editor's text the way a user does: select all, then type. */
async function typeText(text: string) {
  const el = content();
  if (!el) throw new Error('the editor is not open');
  await userEvent.click(el);
  await userEvent.keyboard('{Control>}a{/Control}{Backspace}');
  await userEvent.fill(el, text);
}

describe('the .gf text editor (real engine, Chromium)', () => {
  beforeEach(() => localStorage.removeItem(DRAFT_KEY));

  test('typing the micrograd expression puts its graph on the canvas, with dx = 46; broken text keeps it', async () => {
    const { store, screen } = await explorer();
    await screen.getByRole('button', { name: 'New graph (text)…' }).click();
    await expect.poll(content, { timeout: 15_000 }).not.toBeNull(); // the pane loads CodeMirror on first open
    await typeText(MICRO);
    await expect.poll(() => store.getState().run?.graph.nodes.some((n) => n.id === 'z.scale'), { timeout: 15_000 }).toBe(true);
    expect(store.getState().run?.trace.values.get('y')?.data[0]).toBe(-20);
    expect(store.getState().run?.trace.grads.get('x')?.data[0]).toBe(46);
    expect(problemList()).toBe('');
    // highlighted by the grammar's tags: keywords and strings get spans of their own
    const spans = () => [...(content()?.querySelectorAll('.cm-line span') ?? [])].map((s) => s.textContent);
    await expect.poll(spans).toContain('objective');
    expect(spans()).toContain('"dy/dx = 46"');

    await typeText(MICRO.replace('y = h + q + q * x', 'y = h + q +'));
    await expect.poll(problemList).toMatch(/^\d+:\d+ unexpected/);
    // the last good graph stays while the text is broken
    expect(store.getState().run?.trace.grads.get('x')?.data[0]).toBe(46);
  });

  test('a syntax error is listed at its line:column', async () => {
    const { screen } = await explorer();
    await screen.getByRole('button', { name: 'New graph (text)…' }).click();
    await expect.poll(content, { timeout: 15_000 }).not.toBeNull(); // the pane loads CodeMirror on first open
    await typeText('input x = 3\ny = x ** 2)\nobjective y\n');
    // the second `*` of line 2 (column 8) is where the parser stops
    await expect.poll(problemList).toBe('2:8 unexpected "*" in an assignment');
  });

  test('completion offers op names', async () => {
    const { screen } = await explorer();
    await screen.getByRole('button', { name: 'New graph (text)…' }).click();
    await expect.poll(content, { timeout: 15_000 }).not.toBeNull(); // the pane loads CodeMirror on first open
    await typeText('input x = 3\n');
    await userEvent.keyboard('{Control>}{End}{/Control}');
    await userEvent.keyboard('y = rel');
    await expect.poll(() => [...document.querySelectorAll('.cm-tooltip-autocomplete li')].map((li) => li.textContent)).toContain('relu');
  });

  test('the draft survives a remount; "Discard draft" removes it', async () => {
    const first = await explorer();
    await first.screen.getByRole('button', { name: 'New graph (text)…' }).click();
    await expect.poll(content, { timeout: 15_000 }).not.toBeNull(); // the pane loads CodeMirror on first open
    await typeText('input w = 2\nv = w * w\nobjective v\n');
    await expect.poll(() => localStorage.getItem(DRAFT_KEY)).toBe('input w = 2\nv = w * w\nobjective v\n');
    first.screen.unmount();

    const second = await explorer();
    await expect.poll(() => content()?.textContent).toBe('input w = 2v = w * wobjective v');
    await second.screen.getByRole('button', { name: 'Discard draft' }).click();
    expect(localStorage.getItem(DRAFT_KEY)).toBeNull();
    expect(content()).toBeNull();
  });

  test('"Edit this graph as text" opens the graph on screen printed as .gf', async () => {
    const { store, screen } = await explorer();
    // a bundled exercise is not a graph file: nothing to print
    await expect.element(screen.getByRole('button', { name: 'Edit this graph as text…' })).toBeDisabled();
    await screen.getByRole('button', { name: 'micrograd sanity check' }).click();
    await expect.poll(() => store.getState().run?.trace.grads.get('x')?.data[0], { timeout: 15_000 }).toBe(46);
    await screen.getByRole('button', { name: 'Edit this graph as text…' }).click();
    await expect.poll(() => content()?.textContent ?? '').toContain('q = relu(z) + z * x');
    expect(problemList()).toBe('');
  });
});
