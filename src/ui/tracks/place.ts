/**
 * Where a callout goes on the pane, pure: beside its anchor's box (above or below, the roomier
 * first, else right or left), fully inside the pane and covering none of the boxes to keep clear (the
 * anchor's nodes, the stop's node) nor, if it can, any other node on screen (`others`). When no
 * side fits, the side that, pushed inside the pane, hides least (of the boxes to keep clear first).
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

export function placeCallout(
  anchor: Box,
  size: { w: number; h: number },
  pane: { width: number; height: number },
  keepClear: readonly Box[],
  gap = 14,
  edge = 8,
  others: readonly Box[] = [],
): Placement {
  const cx = (anchor.left + anchor.right) / 2;
  const cy = (anchor.top + anchor.bottom) / 2;
  const room: Record<Side, number> = {
    above: anchor.top,
    below: pane.height - anchor.bottom,
    left: anchor.left,
    right: pane.width - anchor.right,
  };
  const at = (side: Side): Placement => {
    const h = side === 'above' || side === 'below';
    const left = h
      ? clamp(cx - size.w / 2, edge, pane.width - size.w - edge)
      : side === 'right'
        ? anchor.right + gap
        : anchor.left - gap - size.w;
    const top = h
      ? side === 'above'
        ? anchor.top - gap - size.h
        : anchor.bottom + gap
      : clamp(cy - size.h / 2, edge, pane.height - size.h - edge);
    return { side, left, top };
  };
  const inside = (p: Placement): Placement => ({
    side: p.side,
    left: clamp(p.left, edge, pane.width - size.w - edge),
    top: clamp(p.top, edge, pane.height - size.h - edge),
  });
  const hidden = (p: Placement): number => {
    const box = { left: p.left, top: p.top, right: p.left + size.w, bottom: p.top + size.h };
    const area = (bs: readonly Box[]) => bs.reduce((s, b) => s + overlapArea(box, b), 0);
    // Hiding the anchor or the stop's node is always worse than hiding any other node.
    return area(keepClear) * 1e6 + area(others);
  };
  // above or below first (the text reads across the graph's flow), the roomier of each pair first
  const byRoom = (a: Side, b: Side) => room[b] - room[a];
  const sides: Side[] = [...(['above', 'below'] as const).slice().sort(byRoom), ...(['right', 'left'] as const).slice().sort(byRoom)];
  // A side where the whole callout fits beside the anchor, hiding nothing it must keep clear…
  for (const s of sides) {
    const p = at(s);
    if (hidden(p) === 0 && inside(p).left === p.left && inside(p).top === p.top) return p;
  }
  // …or slid along that side (still touching the anchor), when centred it would hide another node…
  if (others.length) {
    for (const s of sides) {
      const c = at(s);
      const along: Placement[] =
        s === 'above' || s === 'below'
          ? [
              { ...c, left: anchor.left },
              { ...c, left: anchor.right - size.w },
            ]
          : [
              { ...c, top: anchor.top },
              { ...c, top: anchor.bottom - size.h },
            ];
      for (const p of along.map(inside)) {
        const touches =
          s === 'above' || s === 'below'
            ? p.left < anchor.right && p.left + size.w > anchor.left
            : p.top < anchor.bottom && p.top + size.h > anchor.top;
        if (touches && hidden(p) === 0 && p.top === c.top && (s === 'above' || s === 'below' || p.left === c.left)) return p;
      }
    }
  }
  // …else the side that, pushed inside the pane, hides least.
  let best = inside(at(sides[0] as Side));
  for (const s of sides) {
    const p = inside(at(s));
    if (hidden(p) < hidden(best)) best = p;
  }
  return best;
}
