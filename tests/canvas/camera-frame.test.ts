import { describe, expect, test } from 'vitest';
import { fitIfLegible, frameFocus, targetLabelPx } from '../../src/ui/canvas/camera/frame';
import { neighboursOf } from '../../src/ui/canvas/camera/rects';

const pane = { width: 1000, height: 600 };
const o = { legibleZoom: 1.2, maxZoom: 1.44, pad: 20 };
/** Screen rect of a flow rect under a viewport. */
const onScreen = (r: { x: number; y: number; w: number; h: number }, v: { x: number; y: number; zoom: number }) => ({
  left: r.x * v.zoom + v.x,
  top: r.y * v.zoom + v.y,
  right: (r.x + r.w) * v.zoom + v.x,
  bottom: (r.y + r.h) * v.zoom + v.y,
});

describe('camera framing', () => {
  test('label target: 18 px at 1920 wide, 14 px at 1280, linear between, clamped outside', () => {
    expect(targetLabelPx(1920)).toBe(18);
    expect(targetLabelPx(1280)).toBe(14);
    expect(targetLabelPx(1600)).toBe(16);
    expect(targetLabelPx(800)).toBe(14);
    expect(targetLabelPx(3840)).toBe(18);
  });

  test('a neighbourhood that fits at a legible zoom is framed whole, centred, at most maxZoom', () => {
    const focus = { x: 100, y: 100, w: 100, h: 60 };
    const ctx = [{ x: 300, y: 100, w: 100, h: 60 }];
    const v = frameFocus(focus, ctx, pane, o);
    expect(v.zoom).toBeCloseTo(1.44, 6);
    const a = onScreen(focus, v);
    const b = onScreen(ctx[0] as (typeof ctx)[0], v);
    expect(a.left).toBeGreaterThanOrEqual(20);
    expect(b.right).toBeLessThanOrEqual(980);
    // centred: equal margins left and right
    expect(a.left).toBeCloseTo(1000 - b.right, 6);
  });

  test('a neighbourhood too wide for a legible zoom keeps the legible zoom and the focus wholly inside', () => {
    const focus = { x: 2000, y: 500, w: 160, h: 80 };
    const ctx = [
      { x: 0, y: 0, w: 100, h: 60 },
      { x: 4000, y: 900, w: 100, h: 60 },
    ];
    const v = frameFocus(focus, ctx, pane, o);
    expect(v.zoom).toBe(1.2);
    const a = onScreen(focus, v);
    expect(a.left).toBeGreaterThanOrEqual(20 - 1e-9);
    expect(a.right).toBeLessThanOrEqual(980 + 1e-9);
    expect(a.top).toBeGreaterThanOrEqual(20 - 1e-9);
    expect(a.bottom).toBeLessThanOrEqual(580 + 1e-9);
  });

  test('pulled towards the context as far as the focus stays inside', () => {
    const focus = { x: 0, y: 0, w: 100, h: 50 };
    // context far to the right: the focus ends up at the left padding, not centred
    const v = frameFocus(focus, [{ x: 5000, y: 0, w: 100, h: 50 }], pane, o);
    expect(onScreen(focus, v).left).toBeCloseTo(20, 6);
  });

  test('a focus larger than the pane at the legible zoom gets a smaller zoom rather than being cut', () => {
    const focus = { x: 0, y: 0, w: 2000, h: 100 };
    const v = frameFocus(focus, [], pane, o);
    expect(v.zoom).toBeCloseTo(960 / 2000, 6);
  });

  test('the whole graph is fitted when that is legible, and refused when it is not', () => {
    expect(fitIfLegible({ x: 0, y: 0, w: 500, h: 300 }, pane, o)?.zoom).toBeCloseTo(1.44, 6);
    expect(fitIfLegible({ x: 0, y: 0, w: 5000, h: 300 }, pane, o)).toBeNull();
  });

  test('neighbours are the inputs and the consumers, not the node itself', () => {
    const g = {
      nodes: [
        { id: 'a', inputs: [] },
        { id: 'b', inputs: ['a', 'a'] },
        { id: 'c', inputs: ['b'] },
        { id: 'd', inputs: ['b', 'a'] },
      ],
    } as never;
    expect(neighboursOf(g, 'b').sort()).toEqual(['a', 'c', 'd']);
    expect(neighboursOf(g, 'a').sort()).toEqual(['b', 'd']);
  });
});
