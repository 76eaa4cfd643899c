import type { Structure } from '../canvas/flow';
import type { GraphModel } from '../compute/protocol';
import type { Timeline } from '../trace/timeline';
import { frameSvg } from './frame';
import type { RecordPlan, Shot } from './plan';
import { type FrameCanvas, frameCanvas, rasterise } from './raster';
import { frameTextAt, viewAt } from './view';

/** What a recording is made of: the laid-out graph and the run's timeline. */
export interface RecordSource {
  structure: Structure;
  graph: GraphModel;
  timeline: Timeline;
}

/** One picture per shot (a step, or a track's stop), drawn on demand on one reused canvas. */
export interface StepFrames {
  readonly shots: readonly Shot[];
  readonly canvas: FrameCanvas;
  /** Draws the i-th shot onto `canvas`. */
  draw(i: number): Promise<void>;
}

/** The SVG of a shot's frame (deterministic: a function of the source, the shot and the size). */
export const shotSvg = (src: RecordSource, shot: Shot, width: number, height: number): string =>
  frameSvg(src.structure, viewAt(src.timeline, shot.cursor), frameTextAt(src.graph, src.timeline, shot.cursor, shot.stop), width, height);

export function stepFrames(src: RecordSource, shots: readonly Shot[], plan: Pick<RecordPlan, 'width' | 'height'>): StepFrames {
  const canvas = frameCanvas(plan.width, plan.height);
  return {
    shots,
    canvas,
    draw: (i) => rasterise(shotSvg(src, shots[i] as Shot, plan.width, plan.height), canvas),
  };
}

/** Frames already drawn as SVG (a track recorded across its option changes: record/capture.ts). */
export function svgFrames(svgs: readonly string[], shots: readonly Shot[], plan: Pick<RecordPlan, 'width' | 'height'>): StepFrames {
  const canvas = frameCanvas(plan.width, plan.height);
  return { shots, canvas, draw: (i) => rasterise(svgs[i] as string, canvas) };
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
