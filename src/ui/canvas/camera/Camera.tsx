import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useMemo, useRef } from 'react';
import { useReducedMotion } from '../../common/useReducedMotion';
import { useExplorer, useExplorerStore } from '../../store/context';
import { selectTimeline } from '../../store/selectors';
import { useStopFrame } from '../../tracks/useStop';
import type { FlowNode } from '../flow';
import { followOn, useCanvasView, useCanvasViewStore } from '../viewState';
import { fitIfLegible, fitZoom, frameFocus, type Pane, type Rect, targetLabelPx, union, type Viewport } from './frame';
import { flowIdsOf, focusNodeAt, neighboursOf, rectsOf } from './rects';

/** Whole-graph fit (also the view outside follow mode). */
export const FIT = { padding: 0.06, maxZoom: 1.4, minZoom: 0.05 };
const PAD = 28;
/** Outside follow mode a graph is fitted whole, unless that zoom is below this (nothing would read). */
export const FRAME_WHEN_FIT_BELOW = 0.1;
const MOVE_MS = 380;
/** Labels aim a little above the target so rounding never lands just under it. */
const MARGIN = 1.04;

/**
 * Screen px at zoom 1 of the smallest text the camera keeps legible: the node label's CSS font
 * size, or the stylesheet's floor for every other text in a node (`--gf-node-min-px`, presenter
 * mode: captions, shapes, norms) when that is smaller. Read from the page.
 */
function labelFontPx(root: HTMLElement | null, presenter: boolean): number {
  const el = root?.querySelector('.gf-node__label');
  const px = el ? Number.parseFloat(getComputedStyle(el).fontSize) : Number.NaN;
  const label = Number.isFinite(px) && px > 0 ? px : presenter ? 15 : 13;
  const floor = root ? Number.parseFloat(getComputedStyle(root).getPropertyValue('--gf-node-min-px')) : Number.NaN;
  return Number.isFinite(floor) && floor > 0 ? Math.min(label, floor) : label;
}

export function legibleZoomFor(fontPx: number, screenWidth: number): number {
  return (MARGIN * targetLabelPx(screenWidth)) / fontPx;
}

/**
 * The camera. Follow mode: each step frames the step's node with its inputs and consumers at a
 * zoom that keeps labels legible (smoothly; instantly under reduced motion); a manual pan or
 * zoom pauses it until the next step or `F`. Otherwise the whole graph is fitted when the
 * layout or the canvas size changes. `0`/`.` (fitNonce) fit the whole graph in either mode.
 */
export function Camera({ nodes, graphKey }: { nodes: readonly FlowNode[]; graphKey: string }) {
  const rf = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const domNode = useStore((s) => s.domNode);
  const store = useExplorerStore();
  const view = useCanvasViewStore();
  const cursor = useExplorer((s) => s.cursor);
  const timeline = useExplorer(selectTimeline);
  const graph = useExplorer((s) => s.run?.graph ?? null);
  const presenter = useExplorer((s) => s.presenter);
  const follow = useCanvasView((v) => followOn(v, presenter));
  const followNonce = useCanvasView((v) => v.followNonce);
  const fitNonce = useCanvasView((v) => v.fitNonce);
  const reduced = useReducedMotion();
  // A lecture track's stop frames its own nodes (its node first).
  const framed = useStopFrame();
  const geo = useMemo(() => ({ rects: rectsOf(nodes), ids: flowIdsOf(nodes) }), [nodes]);

  /** Where follow mode looks at this cursor; null when there is nothing to frame. */
  const target = (pane: Pane): Viewport | null => {
    const r = geo;
    const focusId = framed?.[0] ?? focusNodeAt(timeline, cursor);
    if (!graph || !focusId) return null;
    const o = { legibleZoom: legibleZoomFor(labelFontPx(domNode, presenter), window.innerWidth), maxZoom: 0, pad: PAD };
    o.maxZoom = o.legibleZoom * 1.2;
    const all = union([...r.rects.values()]);
    const whole = all ? fitIfLegible(all, pane, o) : null;
    if (whole) return whole;
    const rectOf = (id: string) => {
      const f = r.ids.get(id);
      return f ? r.rects.get(f) : undefined;
    };
    const focus = rectOf(focusId);
    if (!focus) return null;
    const context = (framed ?? neighboursOf(graph, focusId)).map(rectOf).filter((x): x is Rect => x !== undefined && x !== focus);
    return frameFocus(focus, context, pane, o);
  };

  /**
   * The whole graph, from the layout's own rects (React Flow's fitView only counts nodes it has
   * measured, and with onlyRenderVisibleElements the ones off screen never are).
   */
  const fitAllTo = (pane: Pane, duration: number) => {
    const all = union([...geo.rects.values()]);
    if (!all) return;
    const zoom = Math.max(FIT.minZoom, Math.min(FIT.maxZoom, fitZoom(all, pane, FIT.padding * Math.min(pane.width, pane.height))));
    void rf.setViewport(
      { x: pane.width / 2 - (all.x + all.w / 2) * zoom, y: pane.height / 2 - (all.y + all.h / 2) * zoom, zoom },
      { duration },
    );
  };

  const paused = useCanvasView((v) => v.followPaused);
  const last = useRef({ graph: '', fit: fitNonce, cursor, size: '', follow });
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-frames on exactly these changes; `target` reads the rest
  useEffect(() => {
    if (!width || !height) return;
    const l = last.current;
    // A new graph (not a fold: that keeps the view and the rest stays put).
    const newGraph = l.graph !== graphKey;
    const fitAsked = l.fit !== fitNonce;
    const stepped = l.cursor !== cursor;
    const resized = l.size !== `${width}x${height}`;
    const followChanged = l.follow !== follow;
    last.current = { graph: graphKey, fit: fitNonce, cursor, size: `${width}x${height}`, follow };
    const duration = reduced || newGraph ? 0 : MOVE_MS;
    const pane = { width, height };
    if (fitAsked) {
      fitAllTo(pane, duration);
      return;
    }
    if (!follow) {
      if (!(newGraph || resized || followChanged)) return;
      // A graph whose whole fit would be unreadable (a 2,000-node wide graph: nodes of a few px)
      // opens framed on its first step, as follow mode would; `0` still fits it all.
      const all = union([...geo.rects.values()]);
      const unreadable = all && fitZoom(all, pane, FIT.padding * Math.min(pane.width, pane.height)) < FRAME_WHEN_FIT_BELOW;
      const vp = unreadable ? target(pane) : null;
      if (vp) void rf.setViewport(vp, { duration: 0 });
      else fitAllTo(pane, 0);
      return;
    }
    // A step resumes a camera paused by a manual pan or zoom.
    if (stepped) view.getState().resumeFollow();
    else if (paused) return;
    const vp = target(pane);
    if (vp) void rf.setViewport(vp, { duration });
    else fitAllTo(pane, duration);
  }, [nodes, graphKey, width, height, follow, followNonce, fitNonce, cursor, paused, timeline, presenter, reduced, rf, framed]);

  // Which flow node the step is about, for tests and the legibility benchmark (data-focus-node).
  useEffect(() => {
    const host = domNode?.parentElement;
    const id = focusNodeAt(timeline, cursor);
    const flowId = id ? geo.ids.get(id) : undefined;
    if (host) host.dataset.focusNode = flowId ?? '';
  }, [domNode, timeline, cursor, geo]);

  // Another graph starts the camera afresh.
  useEffect(
    () =>
      store.subscribe((s, p) => {
        if (s.run?.graph !== p.run?.graph) view.getState().resumeFollow();
      }),
    [store, view],
  );
  return null;
}
