import { type RefObject, useLayoutEffect, useRef, useState } from 'react';

/**
 * A chart drawn at its size on screen: one SVG unit is one CSS pixel, so text is drawn at its
 * stylesheet size (presenter mode's minimum holds however narrow the lesson column is) and the
 * margins are computed from that size instead of being scaled with the plot.
 */
export interface ChartFrame {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
  /** The axis text's font size, px. */
  font: number;
}

/** Before the first measurement (and where nothing is laid out): the width the charts were designed at. */
export const DEFAULT_WIDTH = 460;
export const DEFAULT_FONT = 13;

/** Average advance of a digit or letter of the panels' sans-serif, in em (a little over, to stay clear). */
const CHAR_EM = 0.62;

/** Rough width of one line of text at `font` px (no layout pass). */
export const textWidth = (text: string, font: number): number => [...text].length * font * CHAR_EM;

export interface FrameOptions {
  /** The widest y tick label (its characters); the left margin holds it and the rotated y title. */
  yTickChars: number;
  /** The plot's height over its width (before margins); the plot never gets shorter than 6 lines of text. */
  aspect?: number;
  /** No y title (the left margin holds the tick labels only). */
  noYTitle?: boolean;
  /** Extra room above the plot, px (annotations drawn over it). */
  extraTop?: number;
}

/** Margins and height of a chart `width` px wide whose axis text is `font` px. */
export function chartFrame(width: number, font: number, o: FrameOptions): ChartFrame {
  const line = font * 1.25;
  const left = Math.ceil(textWidth('0'.repeat(Math.max(1, o.yTickChars)), font) + 10 + (o.noYTitle ? 0 : line + 6));
  const bottom = Math.ceil(line + 8 + line + 4);
  const top = Math.ceil(font * 0.7 + (o.extraTop ?? 0));
  // The last x tick's label is centred on the plot's right end: half of it sticks out.
  const right = Math.ceil(font * 1.6);
  const plotW = Math.max(40, width - left - right);
  const plotH = Math.max(6 * line, plotW * (o.aspect ?? 0.55));
  return { width, height: Math.ceil(top + plotH + bottom), top, right, bottom, left, font };
}

/** How many ticks of labels `labelChars` wide fit along `length` px (at least 2). */
export function tickBudget(length: number, labelChars: number, font: number): number {
  return Math.max(2, Math.floor(length / (textWidth('0'.repeat(Math.max(1, labelChars)), font) + font * 1.5)));
}

/** How many rows of tick labels fit up a y axis of `length` px (at least 2). */
export const yTickBudget = (length: number, font: number): number => Math.max(2, Math.floor(length / (font * 2.2)));

/** At most `max` of `ticks`, every k-th one, always ending on whole strides from the first. */
export function thin<T>(ticks: readonly T[], max: number): T[] {
  if (ticks.length <= max) return [...ticks];
  const k = Math.ceil(ticks.length / Math.max(1, max));
  return ticks.filter((_, i) => i % k === 0);
}

/**
 * The SVG's width on screen and its font size, measured (and kept up to date on resize); the
 * designed width and 13 px before the first measurement.
 */
export function useChartSize<E extends Element = SVGSVGElement>(): { ref: RefObject<E | null>; width: number; font: number } {
  const ref = useRef<E>(null);
  const [size, setSize] = useState({ width: DEFAULT_WIDTH, font: DEFAULT_FONT });
  const readRef = useRef<() => void>(() => {});
  // The font can change without a resize (presenter mode turned on): read again after each render.
  useLayoutEffect(() => readRef.current());
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => {
      const w = Math.round(el.getBoundingClientRect().width);
      const f = Number.parseFloat(getComputedStyle(el).fontSize);
      const next = { width: w > 0 ? w : DEFAULT_WIDTH, font: Number.isFinite(f) && f > 0 ? f : DEFAULT_FONT };
      setSize((s) => (s.width === next.width && s.font === next.font ? s : next));
    };
    read();
    readRef.current = read;
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return { ref, width: size.width, font: size.font };
}
