import type { ExplorerStore } from '../store';

/**
 * Whether an explorer's canvas shows its current graph: keys do nothing before it does (a
 * step nobody can see is a step the lecturer has to undo). Kept beside the store, not in it:
 * only the canvas writes it and only the key handler reads it.
 */
const drawn = new WeakMap<ExplorerStore, boolean>();

export function setCanvasDrawn(store: ExplorerStore, on: boolean): void {
  drawn.set(store, on);
}

/** True once the canvas has drawn the graph; explorers without a canvas never block keys. */
export function canvasDrawn(store: ExplorerStore): boolean {
  return drawn.get(store) ?? true;
}
