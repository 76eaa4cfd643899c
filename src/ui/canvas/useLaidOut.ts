import { type RefObject, useEffect, useRef, useState } from 'react';
import type { GraphModel, GraphStructure } from '../compute/protocol';
import { bakedLayoutOf } from './baked';
import { buildStructure, layoutKey, openingStructure, type Structure } from './flow';
import { layoutStructure, shapeMatters } from './layout';
import { timed } from './phaseTiming';
import { relayoutBlock, singleToggle } from './unfold';

export type Laid = Structure & {
  /** Identity of this layout (structure, shapes, objective, folds). */
  key: string;
  /** The same without the folds: one React Flow instance lives as long as this stays. */
  graphKey: string;
  folded: Readonly<Record<string, boolean>>;
};

/** Recent layouts by key and canvas shape: reopening a graph or refolding a block is instant. */
const cache = new Map<string, Laid>();
const CACHE_SIZE = 16;
const remember = (k: string, v: Laid) => {
  cache.delete(k);
  cache.set(k, v);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
};

type Shape = { aspect?: number; width?: number };

/** Aspect ratio and width of the canvas, rounded so a few pixels' change reuses the cached layout. */
const shapeOf = (el: HTMLElement | null): Shape => {
  const w = el?.clientWidth ?? 0;
  const h = el?.clientHeight ?? 0;
  return w > 0 && h > 0 ? { aspect: Math.round((w / h) * 4) / 4, width: Math.round(w / 50) * 50 } : {};
};

/**
 * The canvas's shape where it can change the layout, else none: reading it forces the page's
 * layout (20–35 ms while the explorer first mounts), which a small graph never needs.
 */
const shapeFor = (s: Structure, el: HTMLElement | null): Shape => (shapeMatters(s) ? shapeOf(el) : {});

/**
 * A layout's cache key: its identity, and the canvas's shape only where that can change it (a
 * graph that may wrap). The canvas's chrome settles when the run arrives (a track bar, the
 * toolbar's options): a small graph laid out before its run still matches.
 */
const cacheKeyOf = (key: string, s: Structure, shape: Shape): string =>
  shapeMatters(s) ? `${key}|${shape.aspect ?? ''}|${shape.width ?? ''}` : `${key}|any shape`;

/** Layouts still being computed, by cache key: a second ask for one waits for the first. */
const pending = new Map<string, Promise<Laid>>();

/** A new graph's layout (baked, or one elkjs pass), shared with whoever asks for the same cache key meanwhile. */
function layOutNew(
  graph: GraphModel,
  objectiveNode: string,
  folded: Readonly<Record<string, boolean>>,
  s: Structure,
  shape: Shape,
  cacheKey: string,
): Promise<Laid> {
  const running = pending.get(cacheKey);
  if (running) return running;
  const key = layoutKey(graph, objectiveNode, folded);
  const graphKey = layoutKey(graph, objectiveNode, {});
  // An exercise as it opens was laid out ahead of time (bakedLayouts.json): no elkjs pass.
  const baked = timed('baked', () => bakedLayoutOf(s));
  const work = (baked ? Promise.resolve(baked) : timed('layout', () => layoutStructure(s, shape))).then((laid): Laid => {
    const out: Laid = { ...laid, key, graphKey, folded: { ...folded } };
    remember(cacheKey, out);
    return out;
  });
  pending.set(cacheKey, work);
  const done = () => {
    pending.delete(cacheKey);
  };
  work.then(done, done);
  return work;
}

/**
 * The laid-out structure for a graph and its folds: one elkjs pass for a new graph (wrapped to
 * the canvas's aspect, read from `container` when the layout starts), and for a single fold or
 * unfold only the block itself (the rest stays where it was). Node models may be from an
 * earlier run of the same structure (or from its structure before the run): the canvas
 * refreshes them. Nothing is laid out for drawing before `graph` (the run's) is given.
 */
export function useLaidOut(
  graph: GraphModel | null,
  objectiveNode: string,
  folded: Readonly<Record<string, boolean>>,
  container: RefObject<HTMLElement | null>,
  /** A new graph's structure before its run (ExplorerState.upcoming): laid out now, drawn once its run is in. */
  upcoming: GraphStructure | null = null,
): { laid: Laid | null; error: string | null; drawsGraph: boolean } {
  const [laid, setLaid] = useState<Laid | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<Laid | null>(null);
  current.current = laid;
  const key = graph ? layoutKey(graph, objectiveNode, folded) : null;
  const graphKey = graph ? layoutKey(graph, objectiveNode, {}) : null;

  useEffect(() => {
    if (!graph || !key || !graphKey || current.current?.key === key) return;
    let live = true;
    const next = timed('structure', () => buildStructure(graph, objectiveNode, folded));
    const shape = shapeFor(next, container.current);
    const cacheKey = cacheKeyOf(key, next, shape);
    const hit = cache.get(cacheKey);
    const prev = current.current;
    const toggled = prev && prev.graphKey === graphKey ? singleToggle(prev.folded, folded) : null;
    const work: Promise<Structure> = hit
      ? Promise.resolve(hit)
      : toggled !== null && prev
        ? timed('unfold', () => relayoutBlock(prev, next, toggled))
        : layOutNew(graph, objectiveNode, folded, next, shape, cacheKey);
    work.then(
      (s) => {
        if (!live) return;
        const out: Laid = { ...s, key, graphKey, folded: { ...folded } };
        remember(cacheKey, out);
        setLaid(out);
        setError(null);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [graph, key, graphKey, objectiveNode, folded, container]);

  // A new graph's layout starts with its structure, before its run: the run then finds it done
  // (or running) under the same cache key. Its folds are the ones the run opens it with.
  useEffect(() => {
    if (!upcoming) return;
    const { folded: folds, structure: next } = timed('structure', () => openingStructure(upcoming.graph, upcoming.objectiveNode));
    const key = layoutKey(upcoming.graph, upcoming.objectiveNode, folds);
    if (current.current?.key === key) return;
    const shape = shapeFor(next, container.current);
    const cacheKey = cacheKeyOf(key, next, shape);
    if (cache.has(cacheKey)) return;
    // A failure is told when the run asks for the same layout (it gets the same promise).
    layOutNew(upcoming.graph, upcoming.objectiveNode, folds, next, shape, cacheKey).catch(() => {});
  }, [upcoming, container]);

  // The layout on screen is of this graph (its folds may still be changing).
  return { laid, error, drawsGraph: !!laid && laid.graphKey === graphKey };
}
