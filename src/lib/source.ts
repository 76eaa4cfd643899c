import type { Problem } from '../core/errors';
import { parseGraphText } from '../core/load';
import type { OptionValue } from '../core/types';
import { gfToGraphObject, isGfName, looksLikeGf } from '../lang/sniff';
import { fetchGraph, fetchGraphText, resolveGraphUrl } from '../ui/load/remote';
import type { ExplorerInit } from '../ui/store';

/** Where an embed's graph comes from: the first of `src`, `text`, `graph` that is set. */
export interface GraphRef {
  /** A bundled exercise id, or a GraphSpec object. */
  graph?: string | object;
  /** A same-origin URL of a graph file. */
  src?: string;
  /** A graph file's text, written in the page (the custom element's inline `<script type="text/gradflow">`). */
  text?: string;
  options?: Record<string, OptionValue>;
}

/** What an embed shows: a graph to load, or why there is none. */
export type Resolved = { ok: true; init: ExplorerInit } | { ok: false; problem: Problem };

const NONE: Problem = {
  field: 'graph',
  message: 'no graph given: set graph to an exercise id, src to a graph file on this site, or write the graph inside the element',
};

/** Same graph, same request: a new value of this string loads a new graph. */
export const refKey = (r: GraphRef): string =>
  r.src !== undefined
    ? `src:${r.src}`
    : r.text !== undefined
      ? `text:${r.text}`
      : `graph:${typeof r.graph === 'string' ? r.graph : JSON.stringify(r.graph ?? null)}|${JSON.stringify(r.options ?? null)}`;

/**
 * Turns a reference into the explorer's first load. A file (fetched or inline) that cannot be
 * read is a problem to show in the frame, never a reason to show some other graph; the engine
 * validates what it gets (an unknown exercise id is its problem to report, in the frame too).
 */
export async function resolveGraph(r: GraphRef, page: string, step?: number): Promise<Resolved> {
  if (r.src !== undefined) {
    // A .gf file goes through the graph language, anything else through JSON; the same fetch limits.
    if (isGfName(r.src)) {
      const url = resolveGraphUrl(r.src, page);
      if (!url.ok) return url;
      const text = await fetchGraphText(url.value);
      if (!text.ok) return text;
      const got = gfToGraphObject(text.value);
      return got.ok ? { ok: true, init: { spec: got.value, step } } : got;
    }
    const got = await fetchGraph(r.src, page);
    return got.ok ? { ok: true, init: { spec: got.value, step } } : got;
  }
  if (r.text !== undefined) {
    // Inline text has no file name: graph language when it reads like it, else JSON.
    const got = looksLikeGf(r.text) ? gfToGraphObject(r.text) : parseGraphText(r.text, { name: 'the graph written in the page' });
    return got.ok ? { ok: true, init: { spec: got.value, step } } : got;
  }
  if (typeof r.graph === 'string') {
    const id = r.graph.trim();
    if (id.startsWith('{')) return resolveGraph({ text: id }, page, step);
    return id ? { ok: true, init: { graph: id, options: r.options, step } } : { ok: false, problem: NONE };
  }
  if (r.graph && typeof r.graph === 'object') return { ok: true, init: { spec: r.graph, step } };
  return { ok: false, problem: NONE };
}
