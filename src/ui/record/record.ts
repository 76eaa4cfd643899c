import type { OptionValue } from '../../core/types';
import { type OnProgress, type RecordSource, type StepFrames, stepFrames } from './frames';
import { encodeGif } from './gif';
import { planProblem, type RecordPlan, rangeShots, type Shot } from './plan';
import { type TrackShots, trackShots } from './track';
import { encodeWebm } from './webm';

/** What the plan records in this run: the range's steps, or the track's stops this run shows (and those it skips). */
export function shotsOf(
  src: Pick<RecordSource, 'graph' | 'timeline'>,
  plan: RecordPlan,
  runOptions: Readonly<Record<string, OptionValue>>,
): TrackShots {
  if (plan.track === null) return { shots: rangeShots(plan), skipped: [], elsewhere: [] };
  const track = src.graph.tracks[plan.track];
  if (!track) return { shots: [], skipped: [`track ${plan.track + 1}: the graph has no such track`], elsewhere: [] };
  return trackShots(src.graph, track, src.timeline.steps, runOptions, plan.secondsPerStep);
}

/** Records the shots to a WebM or GIF file (rejects with a message naming the field when the plan is wrong). */
export async function record(
  src: RecordSource,
  plan: RecordPlan,
  shots: readonly Shot[],
  onProgress: OnProgress,
  signal?: AbortSignal,
): Promise<Blob> {
  const problem = planProblem(plan, src.timeline.length);
  if (problem) throw new Error(problem);
  if (!shots.length) throw new Error('track: none of its stops can be shown in this run');
  return encode(stepFrames(src, shots, plan), plan, onProgress, signal);
}

/** Encodes frames already drawn (WebM or GIF, as the plan says). */
export const encode = (frames: StepFrames, plan: RecordPlan, onProgress: OnProgress, signal?: AbortSignal): Promise<Blob> =>
  plan.format === 'webm' ? encodeWebm(frames, plan, onProgress, signal) : encodeGif(frames, plan, onProgress, signal);

/** The file name of a recording: `<graph id>-steps-12-19.webm`, or `<graph id>-track-1.gif` for the first track. */
export const recordingName = (graphId: string, plan: Pick<RecordPlan, 'from' | 'to' | 'format' | 'track'>): string =>
  plan.track === null ? `${graphId}-steps-${plan.from}-${plan.to}.${plan.format}` : `${graphId}-track-${plan.track + 1}.${plan.format}`;
