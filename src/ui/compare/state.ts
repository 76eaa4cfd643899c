import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OptionValue } from '../../core/types';
import type { ExplorerStore } from '../store/types';

/** Side by side (two synced panes) or one canvas coloured by the norm ratio. */
export type CompareView = 'panes' | 'ratio';

/**
 * Compare mode of one explorer: pane A is the explorer itself (its options), pane B runs the same
 * graph with `options` laid over A's. Null options = compare mode off. Never part of a run.
 */
export interface CompareState {
  options: Readonly<Record<string, OptionValue>> | null;
  view: CompareView;
  /** The graph the comparison belongs to (bound when the first run of it shows); another graph ends it. */
  graph: string | null;
  /** Pane B's explorer store, while compare mode is on and B has been started. */
  b: ExplorerStore | null;
  open(options: Readonly<Record<string, OptionValue>>, o?: { view?: CompareView; graph?: string | null }): void;
  setOption(name: string, value: OptionValue): void;
  setView(view: CompareView): void;
  close(): void;
}

export type CompareStore = StoreApi<CompareState>;

export function createCompare(): CompareStore {
  return createStore<CompareState>()((set, get) => ({
    options: null,
    view: 'panes',
    graph: null,
    b: null,
    open: (options, o = {}) =>
      set({ options: { ...options }, view: o.view ?? get().view, graph: o.graph !== undefined ? o.graph : get().graph }),
    setOption: (name, value) => set({ options: { ...(get().options ?? {}), [name]: value } }),
    setView: (view) => set({ view }),
    close: () => set({ options: null, graph: null }),
  }));
}

// One compare state per explorer store: every embed on a page compares on its own.
const states = new WeakMap<ExplorerStore, CompareStore>();

export function compareOf(store: ExplorerStore): CompareStore {
  let c = states.get(store);
  if (!c) {
    c = createCompare();
    states.set(store, c);
  }
  return c;
}
