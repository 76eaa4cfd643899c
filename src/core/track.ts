import { GraphError, type Problem, quote } from './errors';
import { didYouMean } from './suggest';
import type { Anchor, StopAt, StopSpec, TrackSpec } from './trackSchema';

export type { Anchor, StopAt, StopSpec, TrackSpec } from './trackSchema';

/**
 * Lecture tracks: a declarative tour of a graph, as data. A stop names a moment of the run by
 * node and phase (never by step number, so it survives an option change that adds or removes
 * steps), what to frame, a callout anchored to a node or an edge, an option change and a pause.
 * DOM-free and zod-free (the UI shell imports it; the schema is in trackSchema.ts): `checkTracks`
 * refuses stops that name what the graph at that stop does not have, `stopCursor` finds the
 * stop's step in a trace.
 */

export const MAX_TRACKS = 20;
export const MAX_STOPS = 100;
export const MAX_FRAME = 64;
/** Longest hold of a stop when a track plays by itself, in seconds. */
export const MAX_PAUSE = 600;

type OptionValue = string | number | boolean;

/** The node a stop is about (its step's node), or null at `start`/`end`. */
export const stopNode = (at: StopAt): string | null => ('node' in at ? at.node : null);

/** The node a callout points at: its anchor's node, an edge's target, else the stop's node. */
export function calloutNode(stop: StopSpec): string | null {
  const a = stop.anchor;
  if (!a) return stopNode(stop.at);
  return 'node' in a ? a.node : a.edge.to;
}

/** Every node an anchor names. */
export const anchorNodes = (a: Anchor): string[] => ('node' in a ? [a.node] : [a.edge.from, a.edge.to]);

/**
 * What the camera frames at a stop, first what it must keep legible: the callout's anchor (or
 * the stop's node), then the stop's node and the `frame` list, without repeats.
 */
export function frameNodes(stop: StopSpec): string[] {
  const out = new Set<string>();
  if (stop.anchor) for (const id of anchorNodes(stop.anchor)) out.add(id);
  const n = stopNode(stop.at);
  if (n) out.add(n);
  for (const f of stop.frame ?? []) for (const id of anchorNodes(f)) out.add(id);
  return [...out];
}

/** The options in force at stop `index`: the graph's defaults, then every `set` of stops 0…index in order. */
export function optionsAtStop(
  track: TrackSpec,
  index: number,
  defaults: Readonly<Record<string, OptionValue>>,
): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = { ...defaults };
  for (const s of track.stops.slice(0, index + 1)) Object.assign(out, s.set ?? {});
  return out;
}

/** One step as the resolver needs it (engine Step is structurally one). */
export interface StepLike {
  phase: string;
  node: string;
  sent?: readonly { to: string }[];
}

/**
 * The cursor (steps done) at which the stop's moment has just happened, or null when the trace
 * has no such step: `forward n` → n's forward step; `backward n` → n's backward step, or for a
 * leaf (no step of its own) the last step that sent it a gradient (it is complete then).
 */
export function stopCursor(steps: readonly StepLike[], at: StopAt): number | null {
  if (!('node' in at)) return at.phase === 'start' ? 0 : steps.length;
  const node = at.node;
  if (at.phase === 'forward') {
    const i = steps.findIndex((s) => s.phase === 'forward' && s.node === node);
    return i >= 0 ? i + 1 : null;
  }
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i] as StepLike;
    if (s.node === node && (s.phase === 'backward' || s.phase === 'seed')) return i + 1;
  }
  for (let i = steps.length - 1; i >= 0; i--) if ((steps[i] as StepLike).sent?.some((g) => g.to === node)) return i + 1;
  return null;
}

/** A declared option, as the checker needs it. */
export interface TrackOption {
  name: string;
  values: readonly OptionValue[];
  default: OptionValue;
}

/** The graph at some options, as the checker needs it: node ids with whether each is a leaf, and edges. */
export interface TrackGraph {
  nodes: readonly { id: string; op: string; inputs?: readonly string[] }[];
}

const unknownNode = (id: string, known: readonly string[]): string => {
  const near = didYouMean(id, known);
  return `no node ${quote(id)} in the graph at this stop${near ? ` (did you mean "${near}"?)` : ''}`;
};

/**
 * Refuses what a track names but the graph does not have: every problem located as
 * `tracks[t].stops[s].<field>`. `graphAt(options)` builds the graph at a stop's options (so a
 * stop after `set: { residual: true }` may name the residual nodes).
 */
export function trackProblems(
  tracks: readonly TrackSpec[],
  declared: readonly TrackOption[],
  graphAt: (options: Record<string, OptionValue>) => TrackGraph,
): Problem[] {
  const problems: Problem[] = [];
  const defaults: Record<string, OptionValue> = {};
  for (const o of declared) defaults[o.name] = o.default;
  const graphs = new Map<string, TrackGraph | null>();
  const built = (options: Record<string, OptionValue>): TrackGraph | null => {
    const key = JSON.stringify(declared.map((o) => options[o.name]));
    if (!graphs.has(key)) {
      try {
        graphs.set(key, graphAt(options));
      } catch {
        graphs.set(key, null); // the graph itself refuses these options: its own problems say why
      }
    }
    return graphs.get(key) ?? null;
  };
  tracks.forEach((track, t) => {
    let options = { ...defaults };
    track.stops.forEach((stop, s) => {
      const where = `tracks[${t}].stops[${s}]`;
      const at = (field: string, message: string) => problems.push({ field: `${where}.${field}`, message });
      for (const [name, value] of Object.entries(stop.set ?? {})) {
        const o = declared.find((d) => d.name === name);
        if (!o) {
          const near = didYouMean(
            name,
            declared.map((d) => d.name),
          );
          at(
            `set.${name}`,
            `unknown option ${quote(name)}${near ? ` (did you mean "${near}"?)` : ''} (this graph has: ${declared.map((d) => d.name).join(', ') || 'none'})`,
          );
        } else if (!o.values.some((v) => v === value || String(v) === String(value))) {
          at(`set.${name}`, `${JSON.stringify(value)} is not one of ${o.values.map((v) => JSON.stringify(v)).join(', ')}`);
        } else options = { ...options, [name]: o.values.find((v) => v === value || String(v) === String(value)) as OptionValue };
      }
      const g = built(options);
      if (!g) return;
      const byId = new Map(g.nodes.map((n) => [n.id, n]));
      const ids = g.nodes.map((n) => n.id);
      const node = (field: string, id: string): boolean => {
        if (byId.has(id)) return true;
        at(field, unknownNode(id, ids));
        return false;
      };
      const anchor = (field: string, a: Anchor) => {
        if ('node' in a) return void node(`${field}.node`, a.node);
        const okFrom = node(`${field}.edge.from`, a.edge.from);
        const okTo = node(`${field}.edge.to`, a.edge.to);
        if (okFrom && okTo && !byId.get(a.edge.to)?.inputs?.includes(a.edge.from))
          at(`${field}.edge`, `no edge from ${quote(a.edge.from)} into ${quote(a.edge.to)}`);
      };
      if ('node' in stop.at && node('at.node', stop.at.node) && stop.at.phase === 'forward' && byId.get(stop.at.node)?.op === 'leaf')
        at('at.phase', `${quote(stop.at.node)} is a leaf: its value is given, it has no forward step (use start, or a node that computes)`);
      (stop.frame ?? []).forEach((f, i) => {
        anchor(`frame[${i}]`, f);
      });
      if (stop.anchor) anchor('anchor', stop.anchor);
      if (stop.callout !== undefined && !stop.anchor && !('node' in stop.at))
        at('anchor', `a callout at ${stop.at.phase} needs an anchor (a node or an edge): there is no step node to point at`);
    });
  });
  return problems;
}

/** Throws GraphError when any track names what its graph does not have. */
export function checkTracks(...args: Parameters<typeof trackProblems>): void {
  const problems = trackProblems(...args);
  if (problems.length) throw new GraphError(problems);
}
