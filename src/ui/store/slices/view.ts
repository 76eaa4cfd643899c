import type { Slice } from './deps';

/** Projector themes: the default look, a high-contrast light one and a dark one. */
export type Theme = 'default' | 'light' | 'dark';
export const THEMES: readonly Theme[] = ['default', 'light', 'dark'];
/** How heatmaps are scaled: each tensor to its own largest entry, or the whole trace to one. */
export type HeatScale = 'tensor' | 'trace';

export const isTheme = (v: unknown): v is Theme => typeof v === 'string' && (THEMES as readonly string[]).includes(v);

/** The lesson panels' share of the main area when beside the canvas. */
export const clampShare = (x: number): number => Math.max(0.2, Math.min(0.6, x));

/** How the canvas is looked at (camera, theme, panels): never part of a run, never in the trace. */
export interface CanvasView {
  /** Follow the step; null = the default (on in presenter mode, off elsewhere). */
  follow: boolean | null;
  theme: Theme;
  heatScale: HeatScale;
  /** Lesson panels shown (beside the canvas in presenter mode, below it elsewhere). */
  lessons: boolean;
  /** Share of the main area the lesson panels take when beside the canvas (0.2 … 0.6); null = by width. */
  lessonShare: number | null;
  /** A manual pan or zoom paused following until the next step or `F`. */
  followPaused: boolean;
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
  pauseFollow(): void;
  resumeFollow(): void;
  fitAll(): void;
}

/** How the graph is looked at: selection, folds, presenter mode, a lesson's highlight, and the canvas view. */
export interface ViewSlice extends CanvasView {
  selected: string | null;
  /** Folded groups by id. */
  folded: Record<string, boolean>;
  presenter: boolean;
  /** Nodes a lesson panel asks the canvas to light up. */
  highlight: string[] | null;

  select(node: string | null): void;
  toggleFold(group: string): void;
  setPresenter(on: boolean): void;
  setHighlight(ids: string[] | null): void;
}

type SetGet<T> = (set: (p: Partial<T>) => void, get: () => T) => CanvasView;

/** The canvas view's state and actions; also the standalone view of a component outside an explorer. */
export const canvasViewState =
  (init: Partial<Pick<CanvasView, 'theme' | 'heatScale' | 'follow' | 'lessons'>> = {}): SetGet<CanvasView> =>
  (set, get) => ({
    follow: init.follow ?? null,
    theme: init.theme ?? 'default',
    heatScale: init.heatScale ?? 'tensor',
    lessons: init.lessons ?? true,
    lessonShare: null,
    followPaused: false,
    followNonce: 0,
    fitNonce: 0,
    setFollow: (on) => set({ follow: on }),
    setTheme: (theme) => set({ theme }),
    setHeatScale: (heatScale) => set({ heatScale }),
    toggleLessons: () => set({ lessons: !get().lessons }),
    setLessonShare: (x) => set({ lessonShare: clampShare(x) }),
    followNow: () => set({ follow: get().follow === false ? true : get().follow, followPaused: false, followNonce: get().followNonce + 1 }),
    pauseFollow: () => {
      if (!get().followPaused) set({ followPaused: true });
    },
    resumeFollow: () => {
      if (get().followPaused) set({ followPaused: false });
    },
    fitAll: () => set({ followPaused: true, fitNonce: get().fitNonce + 1 }),
  });

export const createViewSlice: Slice<ViewSlice> =
  ({ init }) =>
  (set, get) => ({
    ...canvasViewState({ theme: init.theme })(set, get),
    selected: init.node ?? null,
    folded: {},
    presenter: init.present ?? false,
    highlight: null,

    select: (node) => set({ selected: node }),
    toggleFold: (group) => set({ folded: { ...get().folded, [group]: !get().folded[group] } }),
    setPresenter: (on) => set({ presenter: on }),
    setHighlight: (ids) => set({ highlight: ids?.length ? ids : null }),
  });

/** Follow mode as it applies now: the explicit choice, else on in presenter mode. */
export const followOn = (v: Pick<CanvasView, 'follow'>, presenter: boolean): boolean => v.follow ?? presenter;
