import { useEffect } from 'react';
import type { ExplorerState, ExplorerStore } from './store';
import { toSearch } from './url';

/** The link for the current view, or null when there is none (a user's own graph file). */
export function searchFor(s: ExplorerState): string | null {
  if (!s.run || s.source?.kind !== 'exercise') return null;
  return toSearch({
    graph: s.run.graph.id,
    step: s.cursor,
    node: s.selected,
    options: s.run.options,
    declared: s.run.graph.options,
    objective: s.run.trace.objective,
    defaultObjective: s.run.graph.objectives[0]?.name,
    seed: s.seed,
    present: s.presenter,
    predict: s.predict,
  });
}

/** Keeps the address bar on the current view (history.replaceState, coalesced while stepping fast). */
export function useUrlSync(store: ExplorerStore, delayMs = 120): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = location.search;
    const write = () => {
      timer = null;
      const search = searchFor(store.getState());
      if (search !== null && search !== last) {
        last = search;
        history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
      }
    };
    const unsub = store.subscribe(() => {
      if (!timer) timer = setTimeout(write, delayMs);
    });
    return () => {
      unsub();
      if (timer) clearTimeout(timer);
    };
  }, [store, delayMs]);
}
