import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ExplorerState } from '../store';
import { useOptionalExplorerStore } from '../store/context';

const NO_STORE = createStore<null>(() => null);

/** Like useExplorer, but outside a provider it returns `fallback` (standalone rendering). */
export function useMaybeExplorer<T>(selector: (s: ExplorerState) => T, fallback: T): T {
  const store = useOptionalExplorerStore();
  return useStore((store ?? NO_STORE) as typeof NO_STORE, (s) => (s === null ? fallback : selector(s as unknown as ExplorerState)));
}
