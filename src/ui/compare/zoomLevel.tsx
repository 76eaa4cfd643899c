import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';

/**
 * One semantic zoom for the panes of a comparison. Each canvas chooses its far view (a node as
 * its symbol and a ‖∇‖ bar, no heatmaps) from its own zoom; two panes fitting graphs of different
 * sizes (ex09: plain 63 nodes, residual 124) land on either side of that threshold, and pane B
 * showed bare boxes beside A's heatmaps. Here a pane draws far only when every pane is far.
 */

/** Whether each pane's own zoom is far, by pane. */
export type PaneLevels = Record<string, boolean>;

const Panes = createContext<{ levels: StoreApi<PaneLevels>; side: string } | null>(null);
// Outside a comparison: a store nobody writes, so the hook below always reads one.
const ALONE = createStore<PaneLevels>()(() => ({}));

/** The levels of one comparison's panes (one store for the whole comparison). */
export function usePaneLevels(): StoreApi<PaneLevels> {
  const [levels] = useState(() => createStore<PaneLevels>()(() => ({})));
  return levels;
}

/** Marks the canvas inside as pane `side` of the comparison whose panes share `levels`. */
export function SharedZoomLevel({ levels, side, children }: { levels: StoreApi<PaneLevels>; side: string; children: ReactNode }) {
  const [value] = useState(() => ({ levels, side }));
  return <Panes.Provider value={value}>{children}</Panes.Provider>;
}

/** The far view to draw: the canvas's own (`ownFar`) alone; in a comparison, far only when every pane's own zoom is. */
export function useFarView(ownFar: boolean): boolean {
  const pane = useContext(Panes);
  useEffect(() => {
    if (!pane) return;
    pane.levels.setState({ [pane.side]: ownFar });
  }, [pane, ownFar]);
  useEffect(() => {
    if (!pane) return;
    return () => {
      const { [pane.side]: _gone, ...rest } = pane.levels.getState();
      pane.levels.setState(rest, true);
    };
  }, [pane]);
  const everyFar = useStore(pane?.levels ?? ALONE, (l) => Object.values(l).every((far) => far));
  return ownFar && (!pane || everyFar);
}
