import '@xyflow/react/dist/style.css';
import { beforeEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { connectEdit } from '../../../src/ui/canvas/edit/connect';
import { DRAFT_KEY } from '../../../src/ui/editor/draft';
import { TINY } from '../../editor/tiny';
import { closeTo, content, editing, grad, ids, text } from './editing';

const TEXT = TINY;

/** dL/dw for a = act(w ⊙ x), L = Σa, by hand: x ⊙ act′(w ⊙ x). */
const RELU_GRAD = [2, 0];
const TANH_GRAD = [2 * (1 - Math.tanh(1) ** 2), 1 * (1 - Math.tanh(-1.5) ** 2)];

describe('visual editing on the canvas rewrites the text (real engine, Chromium)', () => {
  beforeEach(() => localStorage.removeItem(DRAFT_KEY));

  test('relu → tanh in the node editor changes text and gradients; undo and redo walk the one history', async () => {
    const { store, screen } = await editing(TEXT);
    closeTo(grad(store, 'w'), RELU_GRAD);
    store.getState().select('a');
    await screen.getByRole('combobox', { name: 'node op' }).selectOptions('tanh');
    await expect.poll(() => text(store)).toContain('a = tanh(z)');
    // the rest of the text, comment included, is as it was
    expect(text(store)).toBe(TEXT.replace('relu(z)', 'tanh(z)'));
    closeTo(grad(store, 'w'), TANH_GRAD);
    expect(store.getState().selected).toBe('a');

    await screen.getByRole('button', { name: 'undo (Ctrl+Z)' }).click();
    await expect.poll(() => text(store)).toBe(TEXT);
    await expect.poll(() => grad(store, 'w')[1], { timeout: 15_000 }).toBe(0);
    closeTo(grad(store, 'w'), RELU_GRAD);

    // Ctrl+Shift+Z with the focus outside the text: the same history
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await expect.poll(() => text(store)).toBe(TEXT.replace('relu(z)', 'tanh(z)'));
    await expect.poll(() => grad(store, 'w')[1], { timeout: 15_000 }).not.toBe(0);
    closeTo(grad(store, 'w'), TANH_GRAD);

    // the editor's own Ctrl+Z undoes the canvas edit too
    await userEvent.click(content() as HTMLElement);
    await userEvent.keyboard('{Control>}z{/Control}');
    await expect.poll(() => text(store)).toBe(TEXT);
  });

  test('an edit the engine refuses is not applied: text unchanged, its located problem shown', async () => {
    const { store, screen } = await editing(TEXT);
    store.getState().select('z');
    // z reading a (which reads z) is a cycle
    await screen.getByRole('combobox', { name: 'input a' }).selectOptions('a');
    await expect.poll(() => store.getState().problemSource).toBe('edit');
    expect(store.getState().problems?.[0]).toMatchObject({ field: 'inputs' });
    expect(store.getState().problems?.[0]?.message).toMatch(/^cycle: /);
    expect(document.querySelector('[data-testid=error-panel]')?.textContent).toContain('That canvas edit was not applied');
    expect(text(store)).toBe(TEXT);
    closeTo(grad(store, 'w'), RELU_GRAD);
  });

  test('rename, palette + connect, residual and delete: each a line of text, each run', async () => {
    const { store, screen } = await editing(TEXT);
    store.getState().select('a');
    const idBox = screen.getByRole('textbox', { name: 'node id' });
    await idBox.fill('act');
    await screen.getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => text(store)).toContain('act = relu(z)');
    expect(text(store)).toContain('L = sum(act)');
    expect(store.getState().selected).toBe('act');

    // the palette, by key: N, type, Enter — the new node reads the selected node
    store.getState().select('z');
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('n');
    await expect.poll(() => document.activeElement?.getAttribute('aria-label')).toBe('add a node: search ops');
    await userEvent.keyboard('sigm{Enter}');
    await expect.poll(() => text(store)).toContain('sigmoid = sigmoid(z)');
    expect(ids(store)).toContain('sigmoid');
    // a handle dragged onto L's input (React Flow's onConnect)
    expect(await connectEdit(store, { source: 'sigmoid', sourceHandle: 'out', target: 'L', targetHandle: 'in0' })).toBe(true);
    await expect.poll(() => text(store)).toContain('L = sum(sigmoid)');
    // dL/dw = x ⊙ σ′(z) now
    const s = (v: number) => 1 / (1 + Math.exp(-v));
    closeTo(grad(store, 'w'), [2 * s(1) * (1 - s(1)), s(-1.5) * (1 - s(-1.5))]);

    // a residual around sigmoid from z: L reads sigmoid + z
    store.getState().select('sigmoid');
    await screen.getByRole('combobox', { name: 'residual from' }).selectOptions('z');
    await screen.getByRole('button', { name: 'Add residual' }).click();
    await expect.poll(() => text(store)).toContain('sigmoid_res = sigmoid + z');
    expect(text(store)).toContain('L = sum(sigmoid_res)');
    closeTo(grad(store, 'w'), [2 * (s(1) * (1 - s(1)) + 1), s(-1.5) * (1 - s(-1.5)) + 1]);

    // act reads z and feeds nothing now: Delete removes it
    store.getState().select('act');
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('{Delete}');
    await expect.poll(() => ids(store)).not.toContain('act');
    expect(text(store)).not.toContain('act');
  });

  test('an input edge removed: written for a two-input op (the editor locates the problem, the last good graph stays), applied for a variadic one', async () => {
    const { store, screen } = await editing(TEXT);
    store.getState().select('z');
    await screen.getByRole('button', { name: 'remove the edge x → z (input b)' }).click();
    await expect.poll(() => text(store)).toBe(TEXT.replace('z = w * x', 'z = mul(w)'));
    await expect
      .poll(() => document.querySelector('[data-testid=editor-problems] li')?.textContent ?? '')
      .toBe('6:5 node "z", field inputs: mul takes 2 inputs (a, b), got 1');
    // the last good graph stays on the canvas
    expect(store.getState().run?.graph.nodes.find((n) => n.id === 'z')?.inputs).toEqual(['w', 'x']);
    closeTo(grad(store, 'w'), RELU_GRAD);
    // undo: the exact text again, and it runs
    await screen.getByRole('button', { name: 'undo (Ctrl+Z)' }).click();
    await expect.poll(() => text(store)).toBe(TEXT);
    await expect.poll(() => document.querySelector('[data-testid=editor-problems] li')).toBeNull();

    // z = stack(w, x) (typed), then its second input removed on the canvas: z = stack(w)
    const el = content() as HTMLElement;
    await userEvent.click(el);
    await userEvent.keyboard('{Control>}a{/Control}{Backspace}');
    await userEvent.fill(el, TEXT.replace('z = w * x', 'z = stack(w, x)'));
    await expect.poll(() => store.getState().run?.graph.nodes.find((n) => n.id === 'z')?.op, { timeout: 15_000 }).toBe('stack');
    store.getState().select('z');
    await screen.getByRole('button', { name: /^remove the edge x → z / }).click();
    await expect.poll(() => text(store)).toContain('z = stack(w)');
    await expect.poll(() => store.getState().run?.graph.nodes.find((n) => n.id === 'z')?.inputs, { timeout: 15_000 }).toEqual(['w']);
    expect(ids(store)).toContain('x');
  });
});
