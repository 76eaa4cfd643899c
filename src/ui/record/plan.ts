import type { Timeline } from '../trace/timeline';

/** What a recording covers and how it looks. Cursors are the explorer's: cursor k shows steps 1..k done. */
export interface RecordPlan {
  /** First and last cursor recorded (inclusive, 1 ≤ from ≤ to ≤ length). */
  from: number;
  to: number;
  width: number;
  height: number;
  format: 'webm' | 'gif';
  /** How long each step stays on screen. */
  secondsPerStep: number;
  /** WebM only: frames per second (every step is `framesPerStep` identical frames). */
  fps: number;
  /** Record this lecture track's stops instead of the step range (index into the graph's tracks). */
  track: number | null;
}

/** One picture of a recording and how long it stays: a step of the range, or a track's stop. */
export interface Shot {
  cursor: number;
  seconds: number;
  /** A track's stop: its place in the track, title and callout (shown instead of the step's commentary). */
  stop?: { index: number; count: number; title?: string; callout?: string };
}

/** The shots of a step range: every cursor from `from` to `to`, each `secondsPerStep` long. */
export const rangeShots = (p: Pick<RecordPlan, 'from' | 'to' | 'secondsPerStep'>): Shot[] =>
  cursorsOf(p).map((cursor) => ({ cursor, seconds: p.secondsPerStep }));

export const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;

/**
 * The backward phase of the trace as a cursor range: from the seed's step to the last backward
 * step (memory steps in between, e.g. recomputation, stay in). Null when the trace has none.
 */
export function backwardRange(t: Pick<Timeline, 'segments'>): { from: number; to: number } | null {
  const back = t.segments.filter((s) => s.kind === 'backward');
  const first = back[0];
  const last = back[back.length - 1];
  if (!first || !last) return null;
  return { from: first.from + 1, to: last.to };
}

/** The default plan: the backward phase (the whole trace without one), 1280×720 WebM, 1 s per step at 30 fps. */
export function defaultPlan(t: Pick<Timeline, 'segments' | 'length'>): RecordPlan {
  const r = backwardRange(t) ?? { from: 1, to: Math.max(1, t.length) };
  return { ...r, width: 1280, height: 720, format: 'webm', secondsPerStep: 1, fps: 30, track: null };
}

/** Identical frames a shot of `seconds` lasts in a WebM at `fps` (at least one). */
export const framesFor = (seconds: number, fps: number): number => Math.max(1, Math.round(seconds * fps));

/** Identical frames each step lasts in a WebM (at least one). */
export const framesPerStep = (p: Pick<RecordPlan, 'secondsPerStep' | 'fps'>): number => framesFor(p.secondsPerStep, p.fps);

/** The cursors recorded, in order. */
export function cursorsOf(p: Pick<RecordPlan, 'from' | 'to'>): number[] {
  const out: number[] = [];
  for (let c = p.from; c <= p.to; c++) out.push(c);
  return out;
}

/** Why a plan cannot be recorded (field named), or null. */
export function planProblem(p: RecordPlan, length: number): string | null {
  const whole = (x: number) => Number.isInteger(x);
  if (length < 1) return 'the graph has no steps to record';
  if (p.track === null && (!whole(p.from) || p.from < 1 || p.from > length)) return `from step: a whole number from 1 to ${length}`;
  if (p.track === null && (!whole(p.to) || p.to < p.from || p.to > length)) return `to step: a whole number from ${p.from} to ${length}`;
  if (!whole(p.width) || !whole(p.height) || p.width % 2 || p.height % 2 || p.width < 16 || p.height < 16)
    return 'size: even width and height of at least 16 px';
  if (!Number.isFinite(p.secondsPerStep) || p.secondsPerStep < 0.1 || p.secondsPerStep > 10) return 'seconds per step: from 0.1 to 10';
  if (p.format === 'webm' && (!whole(p.fps) || p.fps < 1 || p.fps > 60)) return 'frames per second: a whole number from 1 to 60';
  return null;
}
