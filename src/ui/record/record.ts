import { type OnProgress, type RecordSource, stepFrames } from './frames';
import { encodeGif } from './gif';
import { planProblem, type RecordPlan } from './plan';
import { encodeWebm } from './webm';

/** Records the plan's steps to a WebM or GIF file (rejects with a message naming the field when the plan is wrong). */
export async function record(src: RecordSource, plan: RecordPlan, onProgress: OnProgress, signal?: AbortSignal): Promise<Blob> {
  const problem = planProblem(plan, src.timeline.length);
  if (problem) throw new Error(problem);
  const frames = stepFrames(src, plan);
  return plan.format === 'webm' ? encodeWebm(frames, plan, onProgress, signal) : encodeGif(frames, plan, onProgress, signal);
}

/** The file name of a recording, e.g. `ex03-two-layer-backprop-steps-12-19.webm`. */
export const recordingName = (graphId: string, plan: Pick<RecordPlan, 'from' | 'to' | 'format'>): string =>
  `${graphId}-steps-${plan.from}-${plan.to}.${plan.format}`;
