import { describe, expect, it } from 'vitest';
import { heightAt, placeCallout } from '../../src/ui/tracks/place';

const pane = { width: 1000, height: 600 };
const size = { w: 300, h: 100 };
const hits = (p: { left: number; top: number }, b: { left: number; top: number; right: number; bottom: number }) =>
  p.left < b.right && b.left < p.left + size.w && p.top < b.bottom && b.top < p.top + size.h;

describe('placeCallout', () => {
  it('goes on the roomiest side that fits and keeps the anchor clear', () => {
    const anchor = { left: 450, top: 400, right: 550, bottom: 460 };
    const p = placeCallout({ anchor, size, pane, keepClear: [anchor] });
    expect(p.side).toBe('above');
    expect(p.top + size.h).toBeLessThanOrEqual(anchor.top);
    expect(p.left).toBe(350); // centred on the anchor
  });

  it('is pushed inside the pane near an edge, still off the anchor', () => {
    const anchor = { left: 0, top: 20, right: 60, bottom: 80 };
    const p = placeCallout({ anchor, size, pane, keepClear: [anchor] });
    expect(p.left).toBeGreaterThanOrEqual(8);
    expect(p.top).toBeGreaterThanOrEqual(8);
    expect(hits(p, anchor)).toBe(false);
  });

  it('skips a side that would cover a box to keep clear (the stop node)', () => {
    const anchor = { left: 450, top: 280, right: 550, bottom: 320 };
    const stopNode = { left: 460, top: 150, right: 540, bottom: 270 };
    const below = { left: 460, top: 330, right: 540, bottom: 450 };
    const p = placeCallout({ anchor, size, pane, keepClear: [anchor, stopNode, below] });
    expect([anchor, stopNode, below].some((b) => hits(p, b))).toBe(false);
    // still beside the anchor: slid along its top edge, 14 px above it, clear of the stop node
    expect(p).toEqual({ side: 'above', left: 150, top: 166 });
  });

  it('when nothing fits, hides as little as it can and stays on the pane', () => {
    const tiny = { width: 320, height: 140 };
    const anchor = { left: 100, top: 40, right: 220, bottom: 100 };
    const p = placeCallout({ anchor, size, pane: tiny, keepClear: [anchor] });
    expect(p.left).toBeGreaterThanOrEqual(8);
    expect(p.top + size.h).toBeLessThanOrEqual(tiny.height);
  });

  it('in a pane too tight to go beside the anchor, takes a corner that keeps every box clear', () => {
    // a short pane: nothing fits above or below the anchor, and right/left of it are the stop
    // node and the active node; the top-left corner is free
    const short = { width: 1000, height: 260 };
    const anchor = { left: 420, top: 90, right: 580, bottom: 170 };
    const stopNode = { left: 600, top: 80, right: 760, bottom: 180 };
    const active = { left: 240, top: 130, right: 400, bottom: 230 };
    const p = placeCallout({ anchor, size, pane: short, keepClear: [anchor, stopNode, active] });
    expect([anchor, stopNode, active].some((b) => hits(p, b))).toBe(false);
    expect(p.left).toBeGreaterThanOrEqual(8);
    expect(p.top).toBeGreaterThanOrEqual(8);
    expect(p.left + size.w).toBeLessThanOrEqual(short.width - 8);
    expect(p.top + size.h).toBeLessThanOrEqual(short.height - 8);
  });

  it('among the places that keep clear, covers the fewest other nodes', () => {
    const anchor = { left: 450, top: 280, right: 550, bottom: 320 };
    // above is the roomier side, but another node sits there; below is free
    const other = { left: 380, top: 150, right: 620, bottom: 262 };
    const p = placeCallout({ anchor, size, pane, keepClear: [anchor], avoid: [other] });
    expect(hits(p, other)).toBe(false);
    expect(p).toEqual({ side: 'below', left: 350, top: 334 });
    // without it, above
    expect(placeCallout({ anchor, size, pane, keepClear: [anchor] }).side).toBe('above');
  });

  it('heightAt: the same text in fewer lines when wider, more when narrower (whole lines, same padding)', () => {
    // measured: 3 lines of 20 px at 400 px wide (36 px of padding and borders), 100 px in all
    const m = { w: 400, h: 100, textH: 60, lineH: 20, padX: 36 };
    expect(heightAt(m, 400)).toBe(100);
    expect(heightAt(m, 600)).toBe(80); // 3 × 364 px of text in 564 px lines: 2 lines
    expect(heightAt(m, 1200)).toBe(60); // 1 line
    expect(heightAt(m, 300)).toBe(140); // 3 × 364 px in 264 px lines: 5 lines
  });

  it('leaves the other nodes on screen clear too when a side can, and never trades the anchor for them', () => {
    const anchor = { left: 450, top: 400, right: 550, bottom: 460 };
    // Above (the roomiest side) would cover this node: the callout goes elsewhere.
    const other = { left: 420, top: 250, right: 580, bottom: 330 };
    const p = placeCallout({ anchor, size, pane, keepClear: [anchor], avoid: [other] });
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
    const q = placeCallout({ anchor, size, pane, keepClear: [anchor], avoid: everywhere });
    expect(hits(q, anchor)).toBe(false);
  });

  it('slides along a side, still touching the anchor, to a spot that hides no other node', () => {
    const anchor = { left: 450, top: 400, right: 550, bottom: 460 };
    // Centred, every side covers one of these; above, slid right to the anchor's left edge, covers neither.
    const others = [
      { left: 300, top: 250, right: 440, bottom: 330 },
      { left: 0, top: 470, right: 1000, bottom: 600 },
    ];
    const p = placeCallout({ anchor, size, pane, keepClear: [anchor], avoid: others });
    expect(p).toEqual({ side: 'above', left: 450, top: 286 });
    expect(others.some((b) => hits(p, b))).toBe(false);
  });
});
