import type { Structure } from '../canvas/flow';
import type { GraphModel } from '../compute/protocol';
import type { Timeline } from '../trace/timeline';
import { frameSvg } from './frame';
import { cursorsOf, type RecordPlan } from './plan';
import { type FrameCanvas, frameCanvas, rasterise } from './raster';
import { frameTextAt, viewAt } from './view';

/** What a recording is made of: the laid-out graph and the run's timeline. */
export interface RecordSource {
  structure: Structure;
  graph: GraphModel;
  timeline: Timeline;
}

/** One frame per recorded step, drawn on demand on one reused canvas. */
export interface StepFrames {
  readonly cursors: readonly number[];
  readonly canvas: FrameCanvas;
  /** Draws the i-th recorded step onto `canvas`. */
  draw(i: number): Promise<void>;
}

/** The SVG of the frame for one cursor (deterministic: a function of the source, the cursor and the size). */
export const stepSvg = (src: RecordSource, cursor: number, width: number, height: number): string =>
  frameSvg(src.structure, viewAt(src.timeline, cursor), frameTextAt(src.graph, src.timeline, cursor), width, height);

export function stepFrames(src: RecordSource, plan: Pick<RecordPlan, 'from' | 'to' | 'width' | 'height'>): StepFrames {
  const cursors = cursorsOf(plan);
  const canvas = frameCanvas(plan.width, plan.height);
  return {
    cursors,
    canvas,
    draw: (i) => rasterise(stepSvg(src, cursors[i] as number, plan.width, plan.height), canvas),
  };
}

/** Raised when the user cancels a recording. */
export class Cancelled extends Error {
  constructor() {
    super('recording cancelled');
    this.name = 'Cancelled';
  }
}

export const stopIfCancelled = (signal: AbortSignal | undefined): void => {
  if (signal?.aborted) throw new Cancelled();
};

/** How far a recording is: steps drawn and encoded out of all. */
export type OnProgress = (done: number, total: number) => void;
