import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { ExplorerState, ExplorerStore } from './types';

const ExplorerContext = createContext<ExplorerStore | null>(null);

/** Gives a subtree its own explorer store (zustand's initialize-state-with-props pattern). */
export function ExplorerProvider({ store, children }: { store: ExplorerStore; children: ReactNode }) {
  return <ExplorerContext.Provider value={store}>{children}</ExplorerContext.Provider>;
}

export function useExplorerStore(): ExplorerStore {
  const store = useContext(ExplorerContext);
  if (!store) throw new Error('useExplorer needs an <ExplorerProvider>');
  return store;
}

/** The store, or null outside a provider (components that also render standalone). */
export const useOptionalExplorerStore = (): ExplorerStore | null => useContext(ExplorerContext);

/** Subscribe to one slice. Select atoms or wrap object selectors in useShallow. */
export function useExplorer<T>(selector: (s: ExplorerState) => T): T {
  return useStore(useExplorerStore(), selector);
}
