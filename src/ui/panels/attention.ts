import type { Step, Trace } from '../../engine/trace';

/**
 * The forward step that produces the attention weights: a row-wise softmax of a matrix.
 * Prefers the notebook's `P`; otherwise the first rank-2 softmax in the trace.
 */
export function findAttentionStep(trace: Trace): Step | undefined {
  const candidates = trace.steps.filter((s) => s.phase === 'forward' && s.op === 'softmax' && trace.shapes.get(s.node)?.length === 2);
  return candidates.find((s) => s.node === 'P') ?? candidates[0];
}

/** Rows of a rank-2 snapshot as plain arrays. */
export function matrixRows(shape: readonly number[], data: Float32Array): number[][] {
  const [rows = 0, cols = 0] = shape;
  return Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
}
