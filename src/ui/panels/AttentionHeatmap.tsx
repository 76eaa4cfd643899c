import type { Trace } from '../../engine/trace';
import { forwardStepOf, matrixRows } from './attention';
import { MatrixGrid } from './MatrixGrid';
import { Panel } from './Panel';

export interface AttentionHeatmapProps {
  trace: Trace;
  /** The node whose value holds the weights (the lesson's `attention.node`). */
  node: string;
  /** 0 = before step 0; k = steps[0..k−1] done. */
  cursor: number;
}

/** The attention weights P as a heatmap with numbers, once the forward pass has computed them. */
export function AttentionHeatmap({ trace, node: id, cursor }: AttentionHeatmapProps) {
  const step = forwardStepOf(trace, id);
  if (!step) return null;
  const snap = trace.values.get(id) ?? step.value;
  const shape = trace.shapes.get(id) ?? snap?.shape ?? [0, 0];
  const computed = cursor > step.index && !!snap;
  const matrix = snap ? matrixRows(shape, snap.data) : matrixRows(shape, new Float32Array((shape[0] ?? 0) * (shape[1] ?? 0)));
  const [rows = 0, cols = 0] = shape;

  return (
    <Panel
      kind="attention"
      title={`Attention weights ${id}`}
      subtitle={`${id} = softmax(S) row by row: row i says how much query i attends to each key; every row sums to 1. The backward pass needs all ${rows}×${cols} of them.`}
    >
      <div data-testid="attention-state" data-computed={computed ? 'true' : 'false'}>
        <MatrixGrid
          matrix={matrix}
          filledRows={computed ? rows : 0}
          scheme="sequential"
          rowLabels={matrix.map((_, i) => `query ${i + 1}`)}
          colLabels={Array.from({ length: cols }, (_, j) => `key ${j + 1}`)}
          compactRowLabels={matrix.map((_, i) => `q${i + 1}`)}
          compactColLabels={Array.from({ length: cols }, (_, j) => `k${j + 1}`)}
          label={computed ? `Attention weights ${id}, ${rows} by ${cols}` : `Attention weights ${id}, not computed yet`}
        />
      </div>
      {computed ? null : (
        <p className="gf-note">{`${id} is computed at step ${step.index + 1}: step the forward pass there to fill it in.`}</p>
      )}
    </Panel>
  );
}
