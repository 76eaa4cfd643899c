import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useOptionalExplorerStore } from '../store/context';
import { type CanvasView, canvasViewState } from '../store/slices/view';
import type { ExplorerStore } from '../store/types';

/**
 * The canvas view's hooks. The state itself lives in the store's view slice
 * (src/ui/store/slices/view.ts): one source of truth for theme, lessons split, follow mode.
 */
export {
  type CanvasView,
  clampShare,
  followOn,
  type HeatScale,
  isTheme,
  THEMES,
  type Theme,
} from '../store/slices/view';

export type CanvasViewStore = StoreApi<CanvasView>;

/** The explorer store, seen as its canvas view. */
export const canvasViewOf = (store: ExplorerStore): CanvasViewStore => store as unknown as CanvasViewStore;

// A component drawn outside an explorer (a story of one node) gets a view of its own defaults.
const STANDALONE: CanvasViewStore = createStore<CanvasView>()((set, get) => canvasViewState()(set, get));

/** The explorer's canvas view (a shared default outside an explorer: stories of one component). */
export function useCanvasViewStore(): CanvasViewStore {
  const store = useOptionalExplorerStore();
  return store ? canvasViewOf(store) : STANDALONE;
}

export function useCanvasView<T>(selector: (v: CanvasView) => T): T {
  return useStore(useCanvasViewStore(), selector);
}
