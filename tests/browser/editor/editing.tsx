import { expect } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { bridgeOf } from '../../../src/ui/editor/bridge';
import { createExplorerStore, type ExplorerStore } from '../../../src/ui/store';

/** What the canvas-editing tests read: the editor's text, the run's node ids and gradients. */
export const content = () => document.querySelector<HTMLElement>('[data-testid=editor-pane] .cm-content');
export const text = (store: ExplorerStore) => bridgeOf(store)?.text() ?? '';
export const ids = (store: ExplorerStore) => store.getState().run?.graph.nodes.map((n) => n.id) ?? [];
export const grad = (store: ExplorerStore, id: string) => [...(store.getState().run?.trace.grads.get(id)?.data ?? [])];

export const closeTo = (got: number[], want: number[]) => {
  expect(got).toHaveLength(want.length);
  for (const [i, g] of got.entries()) expect(g).toBeCloseTo(want[i] as number, 6);
};

/** The explorer with a new text graph typed as a user does (select all, type), running, its canvas editable. */
export async function editing(textIn: string) {
  const store = createExplorerStore(createInlineClient(), { graph: 'ex01-scalar-chain-rule' });
  await store.getState().init();
  const screen = await render(<Explorer store={store} />);
  await screen.getByRole('button', { name: 'New graph (text)…' }).click();
  await expect.poll(content, { timeout: 15_000 }).not.toBeNull();
  const el = content() as HTMLElement;
  await userEvent.click(el);
  await userEvent.keyboard('{Control>}a{/Control}{Backspace}');
  await userEvent.fill(el, textIn);
  await expect.poll(() => ids(store), { timeout: 15_000 }).toContain('a');
  expect(text(store)).toBe(textIn);
  await expect.poll(() => document.querySelector('[data-testid=canvas-edit]')).not.toBeNull();
  return { store, screen };
}
