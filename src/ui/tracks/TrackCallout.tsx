import { useStore } from '@xyflow/react';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { calloutNode, stopNode } from '../../core/track';
import type { Rect } from '../canvas/camera/frame';
import { flowIdsOf, rectsOf } from '../canvas/camera/rects';
import type { FlowNode } from '../canvas/flow';
import { useExplorer } from '../store/context';
import { type Box, heightAt, type Placement, placeScored, type TextMeasure } from './place';
import { useStopOnScreen } from './useStop';

const EDGE = 8;
/** Pixels kept clear around the nodes the callout must not cover. */
const GLOW = 4;

/**
 * The stop's callout on the canvas, beside what it is anchored to (a node, or an edge: both its
 * ends), where it covers neither the anchor, nor the stop's node, nor the node of the step just done. Follows the
 * camera. Mount as a child of <ReactFlow>. The text is plain React text.
 */
export function TrackCallout({ nodes }: { nodes: readonly FlowNode[] }) {
  const stop = useStopOnScreen();
  // The node of the step just done: lit on the canvas, so the callout keeps off it too.
  const active = useExplorer((s) => (s.cursor > 0 ? (s.run?.trace.steps[s.cursor - 1]?.node ?? null) : null));
  const [tx, ty, zoom] = useStore((s) => s.transform);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const lookup = useStore((s) => s.nodeLookup);
  // measured sizes arrive with a new nodes array: read them again then
  useStore((s) => s.nodes);
  const geo = useMemo(() => ({ rects: rectsOf(nodes), ids: flowIdsOf(nodes) }), [nodes]);
  const ref = useRef<HTMLDivElement>(null);
  const twin = useRef<HTMLDivElement>(null);
  // readable at the back of a room, about half the pane wide; wider (fewer lines) when a short
  // pane leaves no room above or below the anchor at that width
  const w0 = Math.round(Math.min(560, Math.max(260, width * 0.42), width - 2 * EDGE));
  const text = stop?.callout;
  const title = stop?.title;
  // The text measured at w0 (a hidden twin), and the callout's own height at the width it has.
  const [measure, setMeasure] = useState<TextMeasure | null>(null);
  // Heights the callout had at the widths it was drawn at (for this text): estimates give way to them.
  const [drawn, setDrawn] = useState<{ key: string; h: Record<number, number> }>({ key: '', h: {} });
  const key = `${w0}\n${title ?? ''}\n${text ?? ''}`;
  const heights = drawn.key === key ? drawn.h : {};
  // After every render: each measure is stored only when it changed, so this settles at once.
  useLayoutEffect(() => {
    const t = twin.current;
    const span = t?.querySelector<HTMLElement>('.gf-callout__text');
    if (t && span) {
      const cs = getComputedStyle(t);
      const px = (v: string) => Number.parseFloat(v) || 0;
      const m: TextMeasure = {
        w: w0,
        h: t.offsetHeight,
        textH: span.offsetHeight,
        lineH: px(getComputedStyle(span).lineHeight),
        padX: px(cs.paddingLeft) + px(cs.paddingRight) + px(cs.borderLeftWidth) + px(cs.borderRightWidth),
      };
      if (!measure || Object.entries(m).some(([k, v]) => measure[k as keyof TextMeasure] !== v)) setMeasure(m);
    }
    const el = ref.current;
    if (el && heights[el.offsetWidth] !== el.offsetHeight) setDrawn({ key, h: { ...heights, [el.offsetWidth]: el.offsetHeight } });
  });
  if (!stop || text === undefined || !width || !height) return null;
  const flowOf = (id: string) => geo.ids.get(id);
  const screen = (r: Rect): Box => ({
    left: r.x * zoom + tx,
    top: r.y * zoom + ty,
    right: (r.x + r.w) * zoom + tx,
    bottom: (r.y + r.h) * zoom + ty,
  });
  // A node as drawn (React Flow's measured size: a node's content may be taller than its layout
  // box), else as laid out.
  const flowBox = (f: string): Box | undefined => {
    const n = lookup.get(f);
    const m = n?.measured;
    if (n && m?.width && m.height) {
      const at = n.internals.positionAbsolute;
      return screen({ x: at.x, y: at.y, w: m.width, h: m.height });
    }
    const r = geo.rects.get(f);
    return r ? screen(r) : undefined;
  };
  const boxOf = (id: string): Box | undefined => {
    const f = flowOf(id);
    return f ? flowBox(f) : undefined;
  };
  const a = stop.anchor;
  const ends = a && 'edge' in a ? [a.edge.from, a.edge.to] : [calloutNode(stop) ?? ''];
  const boxes = ends.map(boxOf).filter((b): b is Box => b !== undefined);
  if (!boxes.length) return null;
  const anchor: Box = {
    left: Math.min(...boxes.map((b) => b.left)),
    top: Math.min(...boxes.map((b) => b.top)),
    right: Math.max(...boxes.map((b) => b.right)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
  };
  const own = stopNode(stop.at);
  // kept clear with a margin: the lit node's glow is drawn outside its box
  const clear = [...boxes, ...[own, active].flatMap((id) => (id ? [boxOf(id)] : []))]
    .filter((b): b is Box => b !== undefined)
    .map((b) => ({ left: b.left - GLOW, top: b.top - GLOW, right: b.right + GLOW, bottom: b.bottom + GLOW }));
  // Every other node on the pane (frames are backgrounds): covered as little as the room allows.
  const others: Box[] = [];
  for (const n of nodes) {
    // an unfolded group's frame is a background, not a node to keep clear
    const b = n.type === 'frame' ? undefined : flowBox(n.id);
    if (!b) continue;
    if (b.right > 0 && b.left < width && b.bottom > 0 && b.top < height) others.push(b);
  }
  const pane = { width, height };
  const widest = width - 2 * EDGE;
  // w0 first; then wider (fewer lines: for a short pane), then narrower (taller: for a gap beside the nodes)
  const widths = [...new Set([1, 1.4, 1.9, 3, 0.75, 0.6].map((f) => Math.min(widest, Math.max(220, Math.round(w0 * f)))))];
  const sizeAt = (w: number) => ({ w, h: heights[w] ?? (measure ? heightAt(measure, w) : 80) });
  // the first width that keeps every node clear; else the one hiding least (of the must-clear nodes first)
  let best: { w: number; h: number; p: Placement; hidden: number; covered: number } | null = null;
  for (const cw of widths) {
    const size = sizeAt(cw);
    const { placement, hidden, covered } = placeScored({ anchor, size, pane, keepClear: clear, avoid: others, edge: EDGE });
    if (!best || hidden < best.hidden || (hidden === best.hidden && covered < best.covered))
      best = { ...size, p: placement, hidden, covered };
    if (hidden === 0 && covered === 0) break;
  }
  const { w, h, p } = best as { w: number; h: number; p: Placement };
  const vertical = p.side === 'above' || p.side === 'below';
  const tip = vertical
    ? Math.max(16, Math.min(w - 16, (anchor.left + anchor.right) / 2 - p.left))
    : Math.max(16, Math.min(h - 16, (anchor.top + anchor.bottom) / 2 - p.top));
  const body = (
    <>
      {title && <strong className="gf-callout__title">{title}</strong>}
      <span className="gf-callout__text">{text}</span>
    </>
  );
  return (
    <>
      <div ref={twin} className="gf-callout" aria-hidden="true" style={{ left: -10_000, top: 0, width: w0, visibility: 'hidden' }}>
        {body}
      </div>
      <div
        ref={ref}
        className={`gf-callout gf-callout--${p.side}`}
        data-testid="track-callout"
        data-anchor={ends.join('->')}
        data-anchor-flow={ends.map((e) => flowOf(e) ?? '').join('->')}
        data-stop-flow={own ? (flowOf(own) ?? '') : ''}
        data-active-flow={active ? (flowOf(active) ?? '') : ''}
        role="note"
        style={{ left: p.left, top: p.top, width: w, ['--gf-callout-tip' as string]: `${Math.round(tip)}px` }}
      >
        {body}
      </div>
    </>
  );
}
