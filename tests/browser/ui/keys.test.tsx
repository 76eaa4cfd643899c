import '@xyflow/react/dist/style.css';
import { describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { canvasDrawn } from '../../../src/ui/canvas/ready';
import { Explorer } from '../../../src/ui/Explorer';
import type { ExplorerStore } from '../../../src/ui/store';
import { selectHidden } from '../../../src/ui/store/selectors';
import { tinyRun, tinyStore } from './fixtures';

const CK = tinyRun({ checkpointed: true }).trace.steps.length;

const counter = () => document.querySelector('[data-testid=step-counter]')?.textContent?.replace(/\s+/g, ' ').trim();
/** Keys wait for the canvas to show the graph: so does the test. */
const drawn = (store: ExplorerStore) => expect.poll(() => canvasDrawn(store), { timeout: 20_000 }).toBe(true);
const select = (label: string) => document.querySelector(`select[aria-label="${label}"]`) as HTMLSelectElement;

describe('keys belong to the explorer, not to the last control used', () => {
  test('after picking an option in a select, → steps instead of picking the next option', async () => {
    const { store } = await tinyStore();
    await render(<Explorer store={store} graphList={false} />);
    await expect.poll(counter).toBe('0 / 9');
    const options = select('checkpoint_every');
    options.focus();
    expect(document.activeElement).toBe(options);
    await userEvent.selectOptions(options, '1');
    await expect.poll(() => store.getState().options.checkpoint_every).toBe(2);
    await expect.poll(counter).toBe(`0 / ${CK}`);
    expect(document.activeElement).not.toBe(options);
    await drawn(store);
    await userEvent.keyboard('{ArrowRight}');
    expect(counter()).toBe(`1 / ${CK}`);
    expect(store.getState().options.checkpoint_every).toBe(2);
    expect(options.value).toBe('1');
    // the player's speed select too
    const speed = select('playback speed');
    speed.focus();
    await userEvent.selectOptions(speed, speed.options[speed.options.length - 1]?.value ?? '');
    expect(document.activeElement).not.toBe(speed);
    await drawn(store);
    await userEvent.keyboard('{ArrowRight}');
    expect(counter()).toBe(`2 / ${CK}`);
  });

  test('after ticking a checkbox, → steps (the box keeps its tick)', async () => {
    const { store } = await tinyStore();
    const screen = await render(<Explorer store={store} graphList={false} />);
    await expect.poll(counter).toBe('0 / 9');
    await screen.getByRole('checkbox', { name: /predict/i }).click();
    expect(store.getState().predict).toBe(true);
    expect((document.activeElement as HTMLInputElement | null)?.type).not.toBe('checkbox');
    await drawn(store);
    await userEvent.keyboard('{ArrowRight}');
    expect(counter()).toBe('1 / 9');
    expect(store.getState().predict).toBe(true);
  });

  test('an embed (keys on focus) takes the focus back itself, so its keys keep working', async () => {
    const { store } = await tinyStore();
    await render(<Explorer store={store} graphList={false} keys="focus" />);
    await expect.poll(counter).toBe('0 / 9');
    const root = document.querySelector('[data-testid=explorer]') as HTMLElement;
    const options = select('checkpoint_every');
    options.focus();
    await userEvent.selectOptions(options, '1');
    await expect.poll(counter).toBe(`0 / ${CK}`);
    expect(document.activeElement).toBe(root);
    await drawn(store);
    await userEvent.keyboard('{ArrowRight}');
    expect(counter()).toBe(`1 / ${CK}`);
  });

  test('Esc closes one thing per press: the error panel, the predict card, the inspector’s node', async () => {
    const { store } = await tinyStore({ predict: true });
    await render(<Explorer store={store} graphList={false} />);
    await expect.poll(counter).toBe('0 / 9');
    store.getState().select('c');
    store.getState().seek(6); // L's backward step: it sends −4 to t, hidden until a guess
    await store.getState().setInput('b', '[1, NaN]');
    await expect.poll(() => document.querySelector('[data-testid=error-panel]')).not.toBeNull();
    expect(selectHidden(store.getState())).toBe(true);

    await userEvent.keyboard('{Escape}');
    await expect.poll(() => document.querySelector('[data-testid=error-panel]')).toBeNull();
    expect(selectHidden(store.getState())).toBe(true);
    expect(store.getState().selected).toBe('c');

    await userEvent.keyboard('{Escape}');
    expect(selectHidden(store.getState())).toBe(false);
    expect(store.getState().outcomes[5]).toEqual({ skipped: true });
    expect(store.getState().selected).toBe('c');

    await userEvent.keyboard('{Escape}');
    expect(store.getState().selected).toBeNull();
    expect(counter()).toBe('6 / 9');
  });

  test('Esc in a text field leaves the field (the draft stays) without closing anything else', async () => {
    const { store } = await tinyStore();
    await render(<Explorer store={store} graphList={false} />);
    await expect.poll(counter).toBe('0 / 9');
    store.getState().select('b');
    await expect.poll(() => document.querySelector('textarea[aria-label="JSON value of b"]')).not.toBeNull();
    const input = document.querySelector('textarea[aria-label="JSON value of b"]') as HTMLTextAreaElement;
    input.focus();
    await userEvent.keyboard('[[1, 5');
    await userEvent.keyboard('{Escape}');
    expect(input.value).toContain('[1, 5');
    expect(document.activeElement).not.toBe(input);
    expect(store.getState().selected).toBe('b');
    await drawn(store);
    await userEvent.keyboard('{ArrowRight}');
    expect(counter()).toBe('1 / 9');
  });
});
