/**
 * Camera framing, pure: where to look so the step's node, its inputs and its consumers are on
 * screen at a zoom that keeps node labels legible. Coordinates are the flow's (React Flow's
 * viewport: screen = flow · zoom + (x, y)).
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface Pane {
  width: number;
  height: number;
}

export interface FrameOptions {
  /** Smallest zoom at which labels reach the target size on screen. */
  legibleZoom: number;
  /** Never zoom in further than this. */
  maxZoom: number;
  /** Screen px kept free around what is framed. */
  pad: number;
}

export function union(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const r of rects) {
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.w);
    y1 = Math.max(y1, r.y + r.h);
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** The zoom at which `r` just fits the pane (minus padding). */
export function fitZoom(r: Rect, pane: Pane, pad: number): number {
  const zw = Math.max(1, pane.width - 2 * pad) / Math.max(1, r.w);
  const zh = Math.max(1, pane.height - 2 * pad) / Math.max(1, r.h);
  return Math.min(zw, zh);
}

const centreOn = (cx: number, cy: number, zoom: number, pane: Pane): Viewport => ({
  x: pane.width / 2 - cx * zoom,
  y: pane.height / 2 - cy * zoom,
  zoom,
});

/** Fits `all` when that is legible; null when it is not (then frame the step instead). */
export function fitIfLegible(all: Rect, pane: Pane, o: FrameOptions): Viewport | null {
  const z = Math.min(fitZoom(all, pane, o.pad), o.maxZoom);
  if (z < o.legibleZoom) return null;
  return centreOn(all.x + all.w / 2, all.y + all.h / 2, z, pane);
}

/**
 * Frames `focus` (the step's node) with `context` (its inputs and consumers): all of it when it
 * fits at a legible zoom, else the focus at the legible zoom, the view pulled towards the
 * context as far as the focus stays inside the padded pane.
 */
export function frameFocus(focus: Rect, context: readonly Rect[], pane: Pane, o: FrameOptions): Viewport {
  const all = union([focus, ...context]) as Rect;
  const fitAll = fitZoom(all, pane, o.pad);
  // The focus alone must fit: a huge node gets a smaller zoom rather than being cut.
  const zoom = Math.min(o.maxZoom, Math.max(o.legibleZoom, Math.min(fitAll, o.maxZoom)), fitZoom(focus, pane, o.pad));
  if (fitAll >= zoom) return centreOn(all.x + all.w / 2, all.y + all.h / 2, zoom, pane);
  const halfW = pane.width / 2 / zoom;
  const halfH = pane.height / 2 / zoom;
  const padF = o.pad / zoom;
  const clampC = (c: number, lo: number, hi: number) => (lo > hi ? (lo + hi) / 2 : Math.max(lo, Math.min(hi, c)));
  // The centre may move while the focus stays within [centre - half + pad, centre + half - pad].
  const cx = clampC(all.x + all.w / 2, focus.x + focus.w - halfW + padF, focus.x + halfW - padF);
  const cy = clampC(all.y + all.h / 2, focus.y + focus.h - halfH + padF, focus.y + halfH - padF);
  return centreOn(cx, cy, zoom, pane);
}

/** Screen px a label should reach: 18 px on a 1920-wide screen, 14 px at 1280, in between linearly. */
export function targetLabelPx(screenWidth: number): number {
  const t = (screenWidth - 1280) / (1920 - 1280);
  return 14 + 4 * Math.max(0, Math.min(1, t));
}
