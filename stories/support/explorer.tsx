import type { Decorator } from '@storybook/react-vite';
import { type ReactNode, useEffect, useState } from 'react';
import { EXERCISE_IDS } from '../../graphs/index';
import type { OptionValue } from '../../src/core/types';
import { Explorer, type ExplorerControls } from '../../src/ui/Explorer';
import { createExplorerStore, type ExplorerStore } from '../../src/ui/store';
import { ExplorerProvider, useExplorerStore } from '../../src/ui/store/context';
import { storyCompute } from './compute';

/** What a story says about the explorer it shows; the decorator turns it into a store. */
export interface ExplorerArgs {
  /** Exercise id (`graphs/index.ts`); stable, like the story ids. */
  graphId: string;
  /** Cursor to open at: 0 = nothing done, k = steps 1…k done, N = every step done. */
  step?: number;
  /** The exercise's options (`activation`, `residual`, `checkpoint_every`, …). */
  options?: Record<string, OptionValue>;
  /** How much of the explorer is shown around the canvas. */
  controls?: ExplorerControls;
  /** Predict mode: each backward step asks for the gradient before showing it. */
  predict?: boolean;
  /** Node selected on open (the inspector shows it). */
  node?: string;
  /** Groups folded on open (replaces the graph's default folds). */
  folded?: Record<string, boolean>;
}

/** Ids of the bundled exercises, for the `graphId` control (the exercise registry, graphs/index.ts). */
export { EXERCISE_IDS };

const storeSignature = (a: ExplorerArgs) => JSON.stringify([a.graphId, a.step, a.options, a.predict, a.node, a.folded]);

function makeStore(a: ExplorerArgs): ExplorerStore {
  return createExplorerStore(storyCompute(), {
    graph: a.graphId,
    step: a.step,
    options: a.options,
    predict: a.predict,
    node: a.node,
  });
}

/** Holds one story's store from mount to unmount; a change of args remounts it (see the key below). */
function StoreScope({ args, children }: { args: ExplorerArgs; children: ReactNode }) {
  const [store] = useState(() => makeStore(args));
  const [folded] = useState(() => args.folded);
  useEffect(() => {
    void store
      .getState()
      .init()
      .then(() => {
        if (folded) store.setState({ folded: { ...folded } });
      });
  }, [store, folded]);
  return <ExplorerProvider store={store}>{children}</ExplorerProvider>;
}

/**
 * A fresh explorer store per story, built from its args (zustand's initialize-state-with-props):
 * nothing one story steps, selects or folds can leak into the next.
 */
export const withExplorerStore: Decorator = (Story, ctx) => {
  const args = ctx.args as unknown as ExplorerArgs;
  return (
    <StoreScope key={`${ctx.id}:${storeSignature(args)}`} args={args}>
      <Story />
    </StoreScope>
  );
};

/** The explorer on the story's store; `controls` picks how much of it shows. */
export function ExplorerStory({ controls = 'full' }: ExplorerArgs) {
  return <Explorer store={useExplorerStore()} controls={controls} graphList={false} />;
}

/** argTypes shared by every explorer story. */
export const explorerArgTypes = {
  graphId: { control: 'select', options: EXERCISE_IDS },
  step: { control: { type: 'number', min: 0 } },
  options: { control: 'object' },
  controls: { control: 'inline-radio', options: ['full', 'steps', 'none'] },
  predict: { control: 'boolean' },
  node: { control: 'text' },
  folded: { control: 'object' },
} as const;
