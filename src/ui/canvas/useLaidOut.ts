import { type RefObject, useEffect, useRef, useState } from 'react';
import type { GraphModel } from '../compute/protocol';
import { buildStructure, layoutKey, type Structure } from './flow';
import { layoutStructure } from './layout';
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

/** Aspect ratio and width of the canvas, rounded so a few pixels' change reuses the cached layout. */
const shapeOf = (el: HTMLElement | null): { aspect?: number; width?: number } => {
  const w = el?.clientWidth ?? 0;
  const h = el?.clientHeight ?? 0;
  return w > 0 && h > 0 ? { aspect: Math.round((w / h) * 4) / 4, width: Math.round(w / 50) * 50 } : {};
};

/**
 * The laid-out structure for a graph and its folds: one elkjs pass for a new graph (wrapped to
 * the canvas's aspect, read from `container` when the layout starts), and for a single fold or
 * unfold only the block itself (the rest stays where it was). Node models may be from an
 * earlier run of the same structure: the canvas refreshes them.
 */
export function useLaidOut(
  graph: GraphModel | null,
  objectiveNode: string,
  folded: Readonly<Record<string, boolean>>,
  container: RefObject<HTMLElement | null>,
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
    const shape = shapeOf(container.current);
    const cacheKey = `${key}|${shape.aspect ?? ''}|${shape.width ?? ''}`;
    const hit = cache.get(cacheKey);
    const prev = current.current;
    const next = timed('structure', () => buildStructure(graph, objectiveNode, folded));
    const toggled = prev && prev.graphKey === graphKey ? singleToggle(prev.folded, folded) : null;
    const work: Promise<Structure> = hit
      ? Promise.resolve(hit)
      : toggled !== null && prev
        ? timed('unfold', () => relayoutBlock(prev, next, toggled))
        : timed('layout', () => layoutStructure(next, shape));
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

  // The layout on screen is of this graph (its folds may still be changing).
  return { laid, error, drawsGraph: !!laid && laid.graphKey === graphKey };
}
