import '@xyflow/react/dist/style.css';
import { beforeEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { parseGf } from '../../../src/lang';
import { createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { bridgeOf } from '../../../src/ui/editor/bridge';
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
    // each op with its inputs, from the engine's registry (the worker sends them)
    const offered = () =>
      [...document.querySelectorAll('.cm-tooltip-autocomplete li')].map((li) =>
        [li.querySelector('.cm-completionLabel')?.textContent, li.querySelector('.cm-completionDetail')?.textContent].join(' '),
      );
    await expect.poll(offered).toContain('relu (x)');
    expect(offered()).toContain('leaky_relu (x)');
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
    await screen.getByRole('button', { name: 'micrograd sanity check' }).click();
    await expect.poll(() => store.getState().run?.trace.grads.get('x')?.data[0], { timeout: 15_000 }).toBe(46);
    await screen.getByRole('button', { name: 'Edit this graph as text…' }).click();
    await expect.poll(() => content()?.textContent ?? '').toContain('q = relu(z) + z * x');
    expect(problemList()).toBe('');
    // the learner's own graph: not a copy of anything
    expect(document.querySelector('[data-testid=editor-copy-of]')).toBeNull();
  });

  test('an exercise opens as an edited copy at its current options; the exercise is unchanged until the copy is edited', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex04-vanishing-gradients', options: { activation: 'tanh' } });
    await store.getState().init();
    const screen = await render(<Explorer store={store} />);
    const gradW1 = store.getState().run?.trace.grads.get('W1')?.data.slice(0, 3);
    await screen.getByRole('button', { name: 'Edit this graph as text…' }).click();
    await expect.poll(content, { timeout: 15_000 }).not.toBeNull();
    // CodeMirror draws only the lines in view: read the whole document from the editor itself
    const text = () => bridgeOf(store)?.text() ?? '';
    // at its current option: tanh, resolved into the nodes (the copy declares no options)
    await expect.poll(text).toContain('a1 = tanh(z1)');
    const ops = parseGf(text()).spec?.nodes.map((n) => n.op) ?? [];
    expect(ops.filter((op) => op === 'tanh')).toHaveLength(20);
    expect(ops).not.toContain('sigmoid');
    expect(parseGf(text()).spec?.options).toBeUndefined();
    expect(document.querySelector('[data-testid=editor-copy-of]')?.textContent).toMatch(/^edited copy of .*exercise itself is unchanged/);
    // opening it as text runs nothing: the exercise is still the graph on screen
    expect(store.getState().source).toEqual({ kind: 'exercise', id: 'ex04-vanishing-gradients' });
    // the copy, unedited, computes the exercise's gradients exactly
    const spec = parseGf(text()).spec;
    expect(spec?.id).toBe('ex04-vanishing-gradients-copy');
    expect(await store.getState().runEdited(spec as NonNullable<typeof spec>, 'graph')).toBe(true);
    expect(store.getState().source?.kind).toBe('spec');
    expect(store.getState().run?.trace.grads.get('W1')?.data.slice(0, 3)).toEqual(gradW1);
  });

  test("an engine error in text that parses is marked on its node's line and named in the error panel", async () => {
    const { store, screen } = await explorer();
    await screen.getByRole('button', { name: 'New graph (text)…' }).click();
    await expect.poll(content, { timeout: 15_000 }).not.toBeNull();
    // parses fine; the engine refuses: a [2] vector cannot matmul a [3] vector
    await typeText('input u = [1, 2]\ninput v = [1, 2, 3]\nd = u · v\nobjective d\n');
    await expect.poll(problemList, { timeout: 15_000 }).toMatch(/^3:1 node "d", field /);
    const panel = document.querySelector('[data-testid=error-panel] li');
    expect(panel?.getAttribute('data-node')).toBe('d');
    expect(panel?.textContent).toContain('node “d”, field');
    expect(store.getState().problemSource).toBe('graph');
    // the lint mark sits on line 3
    const marked = () => [...document.querySelectorAll('.cm-lintRange-error')].map((e) => e.textContent).join('');
    await expect.poll(marked).toBe('d = u · v');
  });
});
