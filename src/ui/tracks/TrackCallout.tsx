import { useStore } from '@xyflow/react';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { calloutNode, stopNode } from '../../core/track';
import type { Rect } from '../canvas/camera/frame';
import { flowIdsOf, rectsOf } from '../canvas/camera/rects';
import type { FlowNode } from '../canvas/flow';
import { type Box, placeCallout } from './place';
import { useStopOnScreen } from './useStop';

const EDGE = 8;

/**
 * The stop's callout on the canvas, beside what it is anchored to (a node, or an edge: both its
 * ends), on the side with room that covers neither the anchor nor the stop's node. Follows the
 * camera. Mount as a child of <ReactFlow>. The text is plain React text.
 */
export function TrackCallout({ nodes }: { nodes: readonly FlowNode[] }) {
  const stop = useStopOnScreen();
  const [tx, ty, zoom] = useStore((s) => s.transform);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const geo = useMemo(() => ({ rects: rectsOf(nodes), ids: flowIdsOf(nodes) }), [nodes]);
  const ref = useRef<HTMLDivElement>(null);
  const [h, setH] = useState(0);
  // readable at the back of a room, never wider than about half the pane
  const w = Math.round(Math.min(560, Math.max(260, width * 0.42), width - 2 * EDGE));
  const text = stop?.callout;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the height depends on the text and the width
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && el.offsetHeight !== h) setH(el.offsetHeight);
  }, [text, w, h]);
  if (!stop || text === undefined || !width || !height) return null;
  const flowOf = (id: string) => geo.ids.get(id);
  const screen = (r: Rect): Box => ({
    left: r.x * zoom + tx,
    top: r.y * zoom + ty,
    right: (r.x + r.w) * zoom + tx,
    bottom: (r.y + r.h) * zoom + ty,
  });
  const boxOf = (id: string): Box | undefined => {
    const f = flowOf(id);
    const r = f ? geo.rects.get(f) : undefined;
    return r ? screen(r) : undefined;
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
  const clear = [...boxes, ...(own ? [boxOf(own)].filter((b): b is Box => b !== undefined) : [])];
  // Every other node on screen too, when a side leaves them all clear (frames are backgrounds).
  const others = nodes.flatMap((n) => {
    const r = n.type === 'frame' ? undefined : geo.rects.get(n.id);
    return r ? [screen(r)] : [];
  });
  const p = placeCallout(anchor, { w, h: h || 80 }, { width, height }, clear, 14, EDGE, others);
  const vertical = p.side === 'above' || p.side === 'below';
  const tip = vertical
    ? Math.max(16, Math.min(w - 16, (anchor.left + anchor.right) / 2 - p.left))
    : Math.max(16, Math.min((h || 80) - 16, (anchor.top + anchor.bottom) / 2 - p.top));
  return (
    <div
      ref={ref}
      className={`gf-callout gf-callout--${p.side}`}
      data-testid="track-callout"
      data-anchor={ends.join('->')}
      data-anchor-flow={ends.map((e) => flowOf(e) ?? '').join('->')}
      data-stop-flow={own ? (flowOf(own) ?? '') : ''}
      role="note"
      style={{ left: p.left, top: p.top, width: w, ['--gf-callout-tip' as string]: `${Math.round(tip)}px` }}
    >
      {stop.title && <strong className="gf-callout__title">{stop.title}</strong>}
      <span className="gf-callout__text">{text}</span>
    </div>
  );
}
