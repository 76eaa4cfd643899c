import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { useOptionalExplorerStore } from '../store/context';
import type { ExplorerStore } from '../store/types';

interface Slot {
  /** The explorer whose canvas bar shows `node` (a compare pane's canvas inside it does not). */
  store: ExplorerStore;
  node: ReactNode;
}

const BarSlot = createContext<Slot | null>(null);

/**
 * Presenter mode keeps the chrome to few rows: the explorer hands its canvas bar a control of its
 * own (the lecture track's bar) to show at the bar's end instead of in a row of its own.
 */
export function CanvasBarSlot({ store, node, children }: Slot & { children: ReactNode }) {
  const value = useMemo(() => ({ store, node }), [store, node]);
  return <BarSlot.Provider value={value}>{children}</BarSlot.Provider>;
}

/** What the explorer put in this canvas's bar, if anything. */
export function useCanvasBarSlot(): ReactNode {
  const slot = useContext(BarSlot);
  const store = useOptionalExplorerStore();
  return slot && slot.store === store ? slot.node : null;
}
