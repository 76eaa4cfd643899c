import '@xyflow/react/dist/style.css';
import { beforeEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { DRAFT_KEY } from '../../../src/ui/editor/draft';
import { SWITCHED } from '../../lang/micro';
import { closeTo, editing, grad, ids, text } from './editing';

const z = [1, -1.5];
const x = [2, 1];
/** dL/dw = x ⊙ act′(z). */
const dw = (dact: (v: number) => number) => z.map((v, i) => (x[i] as number) * dact(v));
const sig = (v: number) => 1 / (1 + Math.exp(-v));
const caseNote = () => document.querySelector('[data-testid=switch-case]')?.textContent ?? '';

describe('a node that switches on an option, edited on the canvas (real engine, Chromium)', () => {
  beforeEach(() => localStorage.removeItem(DRAFT_KEY));

  test('op change edits the case the canvas shows; another option value, another case; undo; delete', async () => {
    const { store, screen } = await editing(SWITCHED);
    closeTo(grad(store, 'w'), [2, 0]);
    store.getState().select('a');
    await expect.poll(caseNote).toBe('Switches on option act: op and inputs here edit its case for act = relu; the other cases stay.');
    await screen.getByRole('combobox', { name: 'node op' }).selectOptions('sigmoid');
    const one = SWITCHED.replace('relu => relu(z)', 'relu => sigmoid(z)');
    await expect.poll(() => text(store)).toBe(one);
    await expect.poll(() => grad(store, 'w')[1], { timeout: 15_000 }).not.toBe(0);
    closeTo(
      grad(store, 'w'),
      dw((v) => sig(v) * (1 - sig(v))),
    );
    expect(store.getState().selected).toBe('a');

    // act = tanh: the canvas shows the tanh case, and the op select edits that one
    await store.getState().setOption('act', 'tanh');
    await expect.poll(() => store.getState().run?.graph.nodes.find((n) => n.id === 'a')?.op).toBe('tanh');
    closeTo(
      grad(store, 'w'),
      dw((v) => 1 - Math.tanh(v) ** 2),
    );
    await expect.poll(caseNote).toContain('its case for act = tanh');
    await screen.getByRole('combobox', { name: 'node op' }).selectOptions('exp');
    const two = one.replace('tanh => tanh(z)', 'tanh => exp(z)');
    await expect.poll(() => text(store)).toBe(two);
    await expect.poll(() => store.getState().run?.graph.nodes.find((n) => n.id === 'a')?.op, { timeout: 15_000 }).toBe('exp');
    closeTo(grad(store, 'w'), dw(Math.exp));
    expect(store.getState().run?.options).toEqual({ act: 'tanh' });

    await screen.getByRole('button', { name: 'undo (Ctrl+Z)' }).click();
    await expect.poll(() => text(store)).toBe(one);
    await expect.poll(() => store.getState().run?.graph.nodes.find((n) => n.id === 'a')?.op, { timeout: 15_000 }).toBe('tanh');

    // both cases read z: deleting the switch leaves L reading z
    (document.activeElement as HTMLElement | null)?.blur();
    store.getState().select('a');
    await userEvent.keyboard('{Delete}');
    await expect.poll(() => ids(store), { timeout: 15_000 }).not.toContain('a');
    expect(text(store)).toBe(
      one.replace('a = switch act { relu => sigmoid(z), tanh => tanh(z) }   # the activation\n', '').replace('sum(a)', 'sum(z)'),
    );
    closeTo(grad(store, 'w'), x);
  });

  test('a delete with no sound meaning is refused, naming node and field; the text stays', async () => {
    const two = SWITCHED.replace('relu => relu(z), tanh => tanh(z)', 'relu => relu(z), tanh => tanh(w)');
    const { store } = await editing(two);
    (document.activeElement as HTMLElement | null)?.blur();
    store.getState().select('a');
    await userEvent.keyboard('{Delete}');
    await expect.poll(() => store.getState().problemSource).toBe('edit');
    expect(store.getState().problems?.[0]).toMatchObject({ node: 'a', field: 'by.cases' });
    expect(document.querySelector('[data-testid=error-panel]')?.textContent).toContain('read z (case relu), w (case tanh)');
    expect(text(store)).toBe(two);
    expect(ids(store)).toContain('a');
  });
});
