import type { Step, Trace } from '../../engine/trace';

/** The forward step that produced `node`'s value (the node the lesson's attention block names). */
export const forwardStepOf = (trace: Trace, node: string): Step | undefined =>
  trace.steps.find((s) => s.phase === 'forward' && s.node === node);

/** Rows of a rank-2 snapshot as plain arrays. */
export function matrixRows(shape: readonly number[], data: Float32Array): number[][] {
  const [rows = 0, cols = 0] = shape;
  return Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
}
