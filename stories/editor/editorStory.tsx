import type { Decorator } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, waitFor } from 'storybook/test';
import { Explorer } from '../../src/ui/Explorer';
import { bridgeOf } from '../../src/ui/editor/bridge';
import { clearDraft } from '../../src/ui/editor/draft';
import { openWith } from '../../src/ui/editor/paneState';
import { runText } from '../../src/ui/editor/runText';
import { createExplorerStore, type ExplorerStore } from '../../src/ui/store';
import { ExplorerProvider, useExplorerStore } from '../../src/ui/store/context';
import { storyCompute } from '../support/compute';

/** What an editor story says: the .gf text the learner has written, open in the editor and running. */
export interface EditorArgs {
  text: string;
}

let current: ExplorerStore | null = null;

/** The store of the story on screen, for the play functions' reads (the e2e tests read the app's the same way). */
export const storyStore = (): ExplorerStore => {
  if (!current) throw new Error('no editor story is mounted');
  return current;
};

/** A fresh store with the text open in the editor and its graph run; no draft is left for the next story. */
function TextScope({ text, children }: { text: string; children: React.ReactNode }) {
  const [store] = useState(() => createExplorerStore(storyCompute(), { graph: 'ex01-scalar-chain-rule' }));
  useEffect(() => {
    current = store;
    void store
      .getState()
      .init()
      .then(() => {
        openWith(store, text);
        return runText(store, text);
      });
    return () => {
      if (current === store) current = null;
      clearDraft();
    };
  }, [store, text]);
  return <ExplorerProvider store={store}>{children}</ExplorerProvider>;
}

export const withTextGraph: Decorator = (Story, ctx) => {
  const { text } = ctx.args as unknown as EditorArgs;
  return (
    <TextScope key={`${ctx.id}:${text}`} text={text}>
      <Story />
    </TextScope>
  );
};

export function EditorStory(_: EditorArgs) {
  return <Explorer store={useExplorerStore()} controls="full" graphList={false} />;
}

/** No draft from an earlier story opens the editor, and none is left for the next (stories share one page). */
export const noDraft = () => {
  clearDraft();
  return clearDraft;
};

/** The editor's text now. */
export const editorText = (): string => bridgeOf(storyStore())?.text() ?? '';
/** ∂objective/∂node, every entry, of the graph on screen. */
export const gradOf = (id: string): number[] => [...(storyStore().getState().run?.trace.grads.get(id)?.data ?? [])];
export const nodeOf = (id: string) =>
  storyStore()
    .getState()
    .run?.graph.nodes.find((n) => n.id === id);

/** Waits until the text's graph is on the canvas, drawn, with its editing controls. */
export async function textGraphReady(root: HTMLElement, node: string): Promise<void> {
  await waitFor(
    () => {
      expect(nodeOf(node)).toBeDefined();
      expect(root.querySelector(`[data-testid="node-${node}"]`)).not.toBeNull();
      expect(root.querySelector('[data-testid=canvas]')?.getAttribute('data-drawn')).toBe('true');
      expect(root.querySelector('[data-testid=canvas-edit]')).not.toBeNull();
      expect(bridgeOf(storyStore())).not.toBeNull();
    },
    { timeout: 30_000 },
  );
}

/** A handle dragged onto another with the mouse, as React Flow's connection listens (mousedown, document mousemove/mouseup). */
export function dragHandle(from: Element, to: Element): void {
  const centre = (el: Element) => {
    const r = el.getBoundingClientRect();
    return { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 };
  };
  const a = centre(from);
  const b = centre(to);
  from.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, button: 0, buttons: 1, ...a }));
  for (let i = 1; i <= 8; i++) {
    const at = { clientX: a.clientX + ((b.clientX - a.clientX) * i) / 8, clientY: a.clientY + ((b.clientY - a.clientY) * i) / 8 };
    document.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, cancelable: true, buttons: 1, ...at }));
  }
  document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, cancelable: true, button: 0, ...b }));
}
