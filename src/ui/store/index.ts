import { createStore } from 'zustand/vanilla';
import type { ComputeClient } from '../compute/client';
import { createRunner } from './commit';
import { createChecksSlice } from './slices/checks';
import { createEditingSlice } from './slices/editing';
import { createLoadingSlice } from './slices/loading';
import { createPlaybackSlice } from './slices/playback';
import { createPredictSlice } from './slices/predict';
import { createViewSlice } from './slices/view';
import type { ExplorerInit, ExplorerState, ExplorerStore } from './types';

export type { Candidate, ProblemSource } from './commit';
export type { GradcheckState } from './slices/checks';
export type { ExplorerInit, ExplorerState, ExplorerStore } from './types';

/**
 * One explorer's state. A factory, so every embed (and every story, every test) gets its own.
 * The compute client is injected: a Web Worker in the app, the main thread in tests.
 */
export function createExplorerStore(client: ComputeClient, init: ExplorerInit = {}): ExplorerStore {
  const store = createStore<ExplorerState>()((set, get, api) => {
    const deps = { client, init, runner: createRunner(client, set, get) };
    return {
      ...createLoadingSlice(deps)(set, get, api),
      ...createEditingSlice(deps)(set, get, api),
      ...createPlaybackSlice(deps)(set, get, api),
      ...createPredictSlice(deps)(set, get, api),
      ...createViewSlice(deps)(set, get, api),
      ...createChecksSlice(deps)(set, get, api),
    };
  });
  clients.set(store, client);
  return store;
}

const clients = new WeakMap<ExplorerStore, ComputeClient>();

/** The compute client a store runs on (compare mode runs its second pane on the same one). */
export const clientOf = (store: ExplorerStore): ComputeClient | undefined => clients.get(store);
