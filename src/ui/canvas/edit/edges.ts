import type { Edge } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExplorerStore } from '../../store';
import { useExplorerStore } from '../../store/context';
import type { GradientFlowEdge } from '../flow';

/** An input edge as the canvas edits it: input `slot` of `target` reads `source`. */
export interface EdgeRef {
  id: string;
  source: string;
  target: string;
  slot: number;
}

/** The edge selected on the canvas while editing (one per explorer; a node selected clears it). */
const selections = new WeakMap<ExplorerStore, StoreApi<{ edge: EdgeRef | null }>>();

export function edgeSelectionFor(store: ExplorerStore): StoreApi<{ edge: EdgeRef | null }> {
  let s = selections.get(store);
  if (!s) {
    const sel = createStore<{ edge: EdgeRef | null }>(() => ({ edge: null }));
    store.subscribe((now, prev) => {
      if (now.selected !== prev.selected && now.selected !== null) sel.setState({ edge: null });
    });
    selections.set(store, sel);
    s = sel;
  }
  return s;
}

/** The input edge a flow edge draws, or null for one into a folded group (no slot to edit). */
export function edgeRefOf(e: Pick<Edge, 'id' | 'source' | 'target' | 'targetHandle'> & { data?: { slot?: number } }): EdgeRef | null {
  if (e.targetHandle === 'in' || typeof e.data?.slot !== 'number') return null;
  return { id: e.id, source: e.source, target: e.target, slot: e.data.slot };
}

/** Selects an edge (clicked or focused by keyboard); the node selection is cleared. */
export function selectEdge(store: ExplorerStore, e: EdgeRef | null): void {
  if (e && store.getState().selected !== null) store.getState().select(null);
  edgeSelectionFor(store).setState({ edge: e });
}

export const useSelectedEdge = (): EdgeRef | null => useStore(edgeSelectionFor(useExplorerStore()), (s) => s.edge);

/**
 * The canvas's edges while editing: each input edge focusable (Tab reaches it; focus selects
 * it), the selected one marked `selected` (edit.css draws it). Outside editing the edges are
 * returned as they are: not focusable, so the explorer's keys stay the explorer's.
 */
const NONE: GradientFlowEdge[] = [];

export function useEditableEdges(edges: GradientFlowEdge[] | undefined, editing: boolean): GradientFlowEdge[] {
  const store = useExplorerStore();
  const selected = useStore(edgeSelectionFor(store), (s) => s.edge?.id ?? null);
  useEffect(() => {
    if (!editing) selectEdge(store, null);
  }, [editing, store]);
  return useMemo(() => {
    if (!edges) return NONE;
    if (!editing) return edges;
    return edges.map((e) => {
      const ref = edgeRefOf(e);
      if (!ref) return e;
      return {
        ...e,
        focusable: true,
        selected: e.id === selected,
        ariaLabel: `input ${ref.slot + 1} of ${ref.target}, from ${ref.source} (Delete removes it)`,
        domAttributes: { onFocus: () => selectEdge(store, ref) },
      };
    });
  }, [edges, editing, selected, store]);
}
