import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useOptionalExplorerStore } from '../store/context';
import type { ExplorerStore } from '../store/types';

/** Projector themes: the default look, a high-contrast light one and a dark one. */
export type Theme = 'default' | 'light' | 'dark';
export const THEMES: readonly Theme[] = ['default', 'light', 'dark'];
/** How heatmaps are scaled: each tensor to its own largest entry, or the whole trace to one. */
export type HeatScale = 'tensor' | 'trace';

/** How the canvas is looked at (camera, theme, panels): never part of a run. */
export interface CanvasView {
  /** Follow the step; null = the default (on in presenter mode, off elsewhere). */
  follow: boolean | null;
  theme: Theme;
  heatScale: HeatScale;
  /** Lesson panels shown (beside the canvas in presenter mode, below it elsewhere). */
  lessons: boolean;
  /** Share of the main area the lesson panels take when beside the canvas (0.2 … 0.6). */
  lessonShare: number;
  /** A manual pan or zoom paused following until the next step or `F`. */
  paused: boolean;
  /** Bumped by `F`: the camera frames the step again. */
  followNonce: number;
  /** Bumped by `0`/`.`: the camera fits the whole graph. */
  fitNonce: number;
  setFollow(on: boolean | null): void;
  setTheme(t: Theme): void;
  setHeatScale(s: HeatScale): void;
  toggleLessons(): void;
  setLessonShare(share: number): void;
  followNow(): void;
  pause(): void;
  resume(): void;
  fitAll(): void;
}

export type CanvasViewStore = StoreApi<CanvasView>;

export const isTheme = (v: unknown): v is Theme => typeof v === 'string' && (THEMES as readonly string[]).includes(v);

export const clampShare = (x: number): number => Math.max(0.2, Math.min(0.6, x));

export function createCanvasView(init: Partial<Pick<CanvasView, 'theme' | 'heatScale' | 'follow' | 'lessons'>> = {}): CanvasViewStore {
  return createStore<CanvasView>()((set, get) => ({
    follow: init.follow ?? null,
    theme: init.theme ?? 'default',
    heatScale: init.heatScale ?? 'tensor',
    lessons: init.lessons ?? true,
    lessonShare: 0.3,
    paused: false,
    followNonce: 0,
    fitNonce: 0,
    setFollow: (on) => set({ follow: on }),
    setTheme: (theme) => set({ theme }),
    setHeatScale: (heatScale) => set({ heatScale }),
    toggleLessons: () => set({ lessons: !get().lessons }),
    setLessonShare: (x) => set({ lessonShare: clampShare(x) }),
    followNow: () => set({ follow: get().follow === false ? true : get().follow, paused: false, followNonce: get().followNonce + 1 }),
    pause: () => {
      if (!get().paused) set({ paused: true });
    },
    resume: () => {
      if (get().paused) set({ paused: false });
    },
    fitAll: () => set({ paused: true, fitNonce: get().fitNonce + 1 }),
  }));
}

// One view per explorer store: every embed, story and test has its own.
const views = new WeakMap<ExplorerStore, CanvasViewStore>();

export function canvasViewOf(store: ExplorerStore, init?: Parameters<typeof createCanvasView>[0]): CanvasViewStore {
  let v = views.get(store);
  if (!v) {
    v = createCanvasView(init);
    views.set(store, v);
  }
  return v;
}

const STANDALONE = createCanvasView();

/** The explorer's canvas view (a shared default outside an explorer: stories of one component). */
export function useCanvasViewStore(): CanvasViewStore {
  const store = useOptionalExplorerStore();
  return store ? canvasViewOf(store) : STANDALONE;
}

export function useCanvasView<T>(selector: (v: CanvasView) => T): T {
  return useStore(useCanvasViewStore(), selector);
}

/** Follow mode as it applies now: the explicit choice, else on in presenter mode. */
export const followOn = (v: Pick<CanvasView, 'follow'>, presenter: boolean): boolean => v.follow ?? presenter;
