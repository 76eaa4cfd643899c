import { type JSX, useMemo } from 'react';
import type { LessonBlocks } from '../../engine/exercise';
import type { Trace } from '../../engine/trace';
import { AttentionHeatmap } from './AttentionHeatmap';
import { findAttentionStep } from './attention';
import { EstimatorHistogram } from './EstimatorHistogram';
import { humanizeKey } from './format';
import { JacobianPanel } from './JacobianPanel';
import { type LayerOf, layerFromId } from './layers';
import { MemoryTimeline } from './MemoryTimeline';
import { SeriesChart } from './SeriesChart';
import { TableView } from './TableView';
import { TrainingChart } from './TrainingChart';

export interface LessonPanelsProps {
  exerciseId: string;
  blocks: LessonBlocks;
  trace: Trace;
  /** 0 = before step 0; k = steps[0..k−1] done. */
  cursor: number;
  /** Hover a layer → its nodes light up; null when the hover ends. */
  onHighlight?: (nodeIds: string[] | null) => void;
  /**
   * Node id → layer, e.g. `(id) => program.nodes.get(id)?.spec.layer`. Optional: without it layers
   * are read from the notebook's node names (`a3`, `z3`, `h3` → 3; see layers.ts).
   */
  layerOf?: LayerOf;
}

/**
 * The lesson's plots and tables under the canvas. Which panels appear follows from what the
 * blocks and the trace contain, not from the exercise id; the id only resets panel state
 * (replays, progress) when the exercise changes. Draws numbers, never computes gradients.
 */
export function LessonPanels({
  exerciseId,
  blocks,
  trace,
  cursor,
  onHighlight,
  layerOf = layerFromId,
}: LessonPanelsProps): JSX.Element | null {
  const nodeIds = useMemo(() => [...trace.shapes.keys()], [trace]);
  const attention = useMemo(() => findAttentionStep(trace), [trace]);
  const hasLayers = useMemo(() => trace.steps.some((s) => layerOf(s.node) !== undefined), [trace, layerOf]);
  const checkpointed = trace.steps.some((s) => s.phase === 'free' || s.phase === 'recompute');
  // Memory statistics (peak live activations, forward evaluations) without checkpoint steps still get the timeline.
  const memoryStats = Object.keys(blocks.stats ?? {}).some((k) => /live|activation|memory|evaluation/i.test(k));
  const showMemory = hasLayers && (checkpointed || memoryStats);
  const showEstimators = !!blocks.estimatorSamples && Object.keys(blocks.estimatorSamples).length > 0;
  // Numbers no panel above draws still appear, as a plain table.
  const leftover = { ...(showMemory ? {} : blocks.stats), ...(showEstimators ? {} : blocks.estimates) };
  const statsTable = Object.keys(leftover).length
    ? { title: 'Statistics', columns: ['quantity', 'value'], rows: Object.entries(leftover).map(([k, v]) => [humanizeKey(k), v]) }
    : undefined;

  const panels: JSX.Element[] = [];
  const key = (name: string) => `${exerciseId}:${name}`;
  blocks.series?.forEach((s, i) => {
    panels.push(<SeriesChart key={key(`series-${i}`)} series={s} nodeIds={nodeIds} layerOf={layerOf} onHighlight={onHighlight} />);
  });
  if (blocks.training) panels.push(<TrainingChart key={key('training')} training={blocks.training} />);
  if (blocks.jacobians && Object.keys(blocks.jacobians).length) {
    panels.push(<JacobianPanel key={key('jacobians')} jacobians={blocks.jacobians} />);
  }
  if (showMemory) {
    panels.push(<MemoryTimeline key={key('memory')} steps={trace.steps} cursor={cursor} stats={blocks.stats} layerOf={layerOf} />);
  }
  if (attention) panels.push(<AttentionHeatmap key={key('attention')} trace={trace} cursor={cursor} />);
  if (showEstimators && blocks.estimatorSamples) {
    panels.push(<EstimatorHistogram key={key('estimators')} samples={blocks.estimatorSamples} estimates={blocks.estimates} />);
  }
  blocks.tables?.forEach((t, i) => {
    panels.push(<TableView key={key(`table-${i}`)} table={t} />);
  });
  if (statsTable) panels.push(<TableView key={key('stats')} table={statsTable} />);
  if (!panels.length) return null;

  return (
    <section className="gf-panels" aria-label="Lesson panels" data-exercise={exerciseId}>
      {panels}
    </section>
  );
}
