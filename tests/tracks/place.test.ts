import { describe, expect, it } from 'vitest';
import { placeCallout } from '../../src/ui/tracks/place';

const pane = { width: 1000, height: 600 };
const size = { w: 300, h: 100 };
const hits = (p: { left: number; top: number }, b: { left: number; top: number; right: number; bottom: number }) =>
  p.left < b.right && b.left < p.left + size.w && p.top < b.bottom && b.top < p.top + size.h;

describe('placeCallout', () => {
  it('goes on the roomiest side that fits and keeps the anchor clear', () => {
    const anchor = { left: 450, top: 400, right: 550, bottom: 460 };
    const p = placeCallout(anchor, size, pane, [anchor]);
    expect(p.side).toBe('above');
    expect(p.top + size.h).toBeLessThanOrEqual(anchor.top);
    expect(p.left).toBe(350); // centred on the anchor
  });

  it('is pushed inside the pane near an edge, still off the anchor', () => {
    const anchor = { left: 0, top: 20, right: 60, bottom: 80 };
    const p = placeCallout(anchor, size, pane, [anchor]);
    expect(p.left).toBeGreaterThanOrEqual(8);
    expect(p.top).toBeGreaterThanOrEqual(8);
    expect(hits(p, anchor)).toBe(false);
  });

  it('skips a side that would cover a box to keep clear (the stop node)', () => {
    const anchor = { left: 450, top: 280, right: 550, bottom: 320 };
    const stopNode = { left: 460, top: 150, right: 540, bottom: 270 };
    const below = { left: 460, top: 330, right: 540, bottom: 450 };
    const p = placeCallout(anchor, size, pane, [anchor, stopNode, below]);
    expect(['right', 'left']).toContain(p.side);
    expect([anchor, stopNode, below].some((b) => hits(p, b))).toBe(false);
  });

  it('when nothing fits, hides as little as it can and stays on the pane', () => {
    const tiny = { width: 320, height: 140 };
    const anchor = { left: 100, top: 40, right: 220, bottom: 100 };
    const p = placeCallout(anchor, size, tiny, [anchor]);
    expect(p.left).toBeGreaterThanOrEqual(8);
    expect(p.top + size.h).toBeLessThanOrEqual(tiny.height);
  });

  it('leaves the other nodes on screen clear too when a side can, and never trades the anchor for them', () => {
    const anchor = { left: 450, top: 400, right: 550, bottom: 460 };
    // Above (the roomiest side) would cover this node: the callout goes elsewhere.
    const other = { left: 420, top: 250, right: 580, bottom: 330 };
    const p = placeCallout(anchor, size, pane, [anchor], 14, 8, [other]);
    expect(p.side).not.toBe('above');
    expect(hits(p, other)).toBe(false);
    expect(hits(p, anchor)).toBe(false);
    // Other nodes on every side: one of them is covered, the anchor still is not.
    const everywhere = [
      other,
      { left: 0, top: 470, right: 1000, bottom: 600 },
      { left: 0, top: 0, right: 440, bottom: 600 },
      { left: 560, top: 0, right: 1000, bottom: 600 },
    ];
    const q = placeCallout(anchor, size, pane, [anchor], 14, 8, everywhere);
    expect(hits(q, anchor)).toBe(false);
  });

  it('slides along a side, still touching the anchor, to a spot that hides no other node', () => {
    const anchor = { left: 450, top: 400, right: 550, bottom: 460 };
    // Centred, every side covers one of these; above, slid right to the anchor's left edge, covers neither.
    const others = [
      { left: 300, top: 250, right: 440, bottom: 330 },
      { left: 0, top: 470, right: 1000, bottom: 600 },
    ];
    const p = placeCallout(anchor, size, pane, [anchor], 14, 8, others);
    expect(p).toEqual({ side: 'above', left: 450, top: 286 });
    expect(others.some((b) => hits(p, b))).toBe(false);
  });
});
