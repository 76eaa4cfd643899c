import type { ExplorerStore } from '../store';

/**
 * Whether an explorer's canvas shows its current graph. A step key pressed before it does is
 * held and carried out once the graph is drawn (a step nobody can see is a step the lecturer
 * has to undo; a press that does nothing is one they repeat). Kept beside the store, not in it:
 * only the canvas writes it and only the key handler reads it.
 */
const drawn = new WeakMap<ExplorerStore, boolean>();
const held = new WeakMap<ExplorerStore, () => void>();
const watchers = new WeakMap<ExplorerStore, Set<() => void>>();

export function setCanvasDrawn(store: ExplorerStore, on: boolean): void {
  drawn.set(store, on);
  if (!on) return;
  for (const w of [...(watchers.get(store) ?? [])]) w();
  const act = held.get(store);
  held.delete(store);
  act?.();
}

/** True once the canvas has drawn the graph; explorers without a canvas never hold keys. */
export function canvasDrawn(store: ExplorerStore): boolean {
  return drawn.get(store) ?? true;
}

/** Runs `act` now if the graph is on screen, else once it is drawn (the last held press wins). */
export function whenDrawn(store: ExplorerStore, act: () => void): void {
  if (canvasDrawn(store)) act();
  else held.set(store, act);
}

/** Calls `watch` each time the canvas has drawn a graph (not for keys: see whenDrawn); returns the unsubscribe. */
export function onCanvasDrawn(store: ExplorerStore, watch: () => void): () => void {
  const set = watchers.get(store) ?? new Set<() => void>();
  watchers.set(store, set);
  set.add(watch);
  return () => set.delete(watch);
}

/**
 * Resolves once the canvas has drawn a graph (at once if it already has), or after `maxMs`
 * (a canvas that never draws: a failed layout, or an explorer without one). For work that
 * would otherwise share the cores with the first graph's layout and mount.
 */
export function afterDrawn(store: ExplorerStore, maxMs: number): Promise<void> {
  if (drawn.get(store) === true) return Promise.resolve();
  return new Promise((done) => {
    const end = () => {
      clearTimeout(timer);
      off();
      done();
    };
    const timer = setTimeout(end, maxMs);
    const off = onCanvasDrawn(store, end);
  });
}
