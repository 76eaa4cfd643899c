/**
 * Where a callout goes on the pane, pure. It must stay fully inside the pane and cover none of
 * the boxes to keep clear (the anchor's nodes, the stop's node, the node of the step just done);
 * among the places that do, it prefers covering the least of the other nodes (`avoid`; none when it can), then being
 * close to its anchor, then above or below it (the text reads across the graph's flow), the
 * roomier side first. Places tried: beside each side of the anchor, centred and slid along it,
 * and, when the pane is too tight for those, its corners and edges. When no place keeps every
 * box clear, the one that hides least of them.
 */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export type Side = 'above' | 'below' | 'right' | 'left';

export interface Placement {
  side: Side;
  left: number;
  top: number;
}

const overlapArea = (a: Box, b: Box): number =>
  Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

const clamp = (v: number, lo: number, hi: number) => (hi < lo ? lo : Math.max(lo, Math.min(hi, v)));

/** Further slides along a side, as fractions: 0 puts the callout's far end at the anchor's near end, 1 the other way round. */
const SLIDES = [0.3, 0.7, 0.1, 0.9, 0, 1];
/** Pane positions (fractions of the free room) tried when nothing beside the anchor works. */
const PANE = [0, 0.5, 1];

/** The side of `anchor` that `b` lies on (the one with the widest separation). */
function sideOf(b: Box, anchor: Box): Side {
  const sep: [Side, number][] = [
    ['above', anchor.top - b.bottom],
    ['below', b.top - anchor.bottom],
    ['right', b.left - anchor.right],
    ['left', anchor.left - b.right],
  ];
  return sep.reduce((m, s) => (s[1] > m[1] ? s : m))[0];
}

/** Gap between two boxes (0 when they touch or overlap). */
const distance = (a: Box, b: Box): number =>
  Math.hypot(Math.max(0, a.left - b.right, b.left - a.right), Math.max(0, a.top - b.bottom, b.top - a.bottom));

/** What a placement is asked for: the callout's size beside `anchor` on `pane`. */
export interface CalloutSpot {
  anchor: Box;
  size: { w: number; h: number };
  pane: { width: number; height: number };
  /** Boxes the callout must not cover (the anchor's nodes, the stop's node, the active node). */
  keepClear: readonly Box[];
  /** The other nodes on the pane: covered as little as the room allows. */
  avoid?: readonly Box[];
  /** Screen px between the callout and its anchor (default 14). */
  gap?: number;
  /** Screen px kept free at the pane's edges (default 8). */
  edge?: number;
}

/** A placement and what it still hides: of the boxes to keep clear and of the other nodes (px², 0 = none). */
export interface ScoredPlacement {
  placement: Placement;
  hidden: number;
  covered: number;
}

export const placeCallout = (spot: CalloutSpot): Placement => placeScored(spot).placement;

/** placeCallout, with how much of the boxes to keep clear the place still hides and of the other nodes it covers. */
export function placeScored({ anchor, size, pane, keepClear, avoid = [], gap = 14, edge = 8 }: CalloutSpot): ScoredPlacement {
  const room: Record<Side, number> = {
    above: anchor.top,
    below: pane.height - anchor.bottom,
    left: anchor.left,
    right: pane.width - anchor.right,
  };
  const byRoom = (a: Side, b: Side) => room[b] - room[a];
  const order: Side[] = [...(['above', 'below'] as const).slice().sort(byRoom), ...(['right', 'left'] as const).slice().sort(byRoom)];
  const maxLeft = pane.width - size.w - edge;
  const maxTop = pane.height - size.h - edge;
  const candidates: { left: number; top: number; rank: number }[] = [];
  // Along a side: centred, then flush with either end of the anchor, then slid further.
  const along = (lo: number, hi: number, len: number): number[] => [
    (lo + hi - len) / 2,
    lo,
    hi - len,
    ...SLIDES.map((f) => lo - len + f * (hi - lo + len)),
  ];
  order.forEach((side, rank) => {
    const across = side === 'above' || side === 'below';
    const slides = across ? along(anchor.left, anchor.right, size.w) : along(anchor.top, anchor.bottom, size.h);
    for (const at of slides) {
      const left = across ? at : side === 'right' ? anchor.right + gap : anchor.left - gap - size.w;
      const top = across ? (side === 'above' ? anchor.top - gap - size.h : anchor.bottom + gap) : at;
      // slid along the side, kept inside the pane
      candidates.push({ left: clamp(left, edge, maxLeft), top: clamp(top, edge, maxTop), rank });
    }
  });
  for (const fy of PANE)
    for (const fx of PANE)
      candidates.push({ left: edge + fx * Math.max(0, maxLeft - edge), top: edge + fy * Math.max(0, maxTop - edge), rank: 4 });
  let best: { p: Placement; hidden: number; covered: number; cost: number } | null = null;
  for (const c of candidates) {
    const box = { left: c.left, top: c.top, right: c.left + size.w, bottom: c.top + size.h };
    const hidden = keepClear.reduce((s, b) => s + overlapArea(box, b), 0);
    const covered = avoid.reduce((s, b) => s + overlapArea(box, b), 0);
    const cost = distance(box, anchor) + c.rank;
    const better =
      !best ||
      hidden < best.hidden ||
      (hidden === best.hidden && (covered < best.covered || (covered === best.covered && cost < best.cost)));
    if (better) best = { p: { side: sideOf(box, anchor), left: c.left, top: c.top }, hidden, covered, cost };
  }
  const found = best as { p: Placement; hidden: number; covered: number };
  return { placement: found.p, hidden: found.hidden, covered: found.covered };
}

/** A callout's text measured at one width, to estimate its height at others (it reflows). */
export interface TextMeasure {
  /** The width measured at, and the callout's height there. */
  w: number;
  h: number;
  /** Its text's height, one line's height, and the horizontal padding + borders. */
  textH: number;
  lineH: number;
  padX: number;
}

/** The callout's height at width `w`: the same text in fewer (or more) lines. */
export function heightAt(m: TextMeasure, w: number): number {
  if (w === m.w || m.lineH <= 0) return m.h;
  const lines = Math.max(1, Math.round(m.textH / m.lineH));
  const perLine = Math.max(1, m.w - m.padX);
  const fit = Math.max(1, Math.ceil((lines * perLine) / Math.max(1, w - m.padX)));
  // wider: never more lines than measured; narrower: never fewer
  const n = w > m.w ? Math.min(lines, fit) : Math.max(lines, fit);
  return Math.ceil(m.h - m.textH + n * m.lineH);
}
