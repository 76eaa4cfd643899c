import { type JSX, useMemo } from 'react';
import type { LessonBlocks } from '../../engine/blocks';
import type { Trace } from '../../engine/trace';
import { AttentionHeatmap } from './AttentionHeatmap';
import { EstimatorHistogram } from './EstimatorHistogram';
import { JacobianPanel } from './JacobianPanel';
import { type LayeredNode, nodesByLayer } from './layers';
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
  /** The graph's nodes with their layer tags (`GraphModel.nodes`): a series over layers links to them. */
  nodes?: readonly LayeredNode[];
}

/**
 * The lesson's plots and tables under the canvas. Each panel is drawn for the typed block that
 * asks for it (series, training, jacobians, memory, attention, estimators, tables, facts); the
 * exercise id only resets panel state (replays, progress) when the exercise changes. Draws
 * numbers, never computes gradients.
 */
export function LessonPanels({ exerciseId, blocks, trace, cursor, onHighlight, nodes = [] }: LessonPanelsProps): JSX.Element | null {
  const layers = useMemo(() => nodesByLayer(nodes), [nodes]);
  const panels: JSX.Element[] = [];
  const key = (name: string) => `${exerciseId}:${name}`;
  blocks.series?.forEach((s, i) => {
    panels.push(<SeriesChart key={key(`series-${i}`)} series={s} layers={layers} onHighlight={onHighlight} />);
  });
  if (blocks.training) panels.push(<TrainingChart key={key('training')} training={blocks.training} />);
  if (blocks.jacobians && Object.keys(blocks.jacobians).length) {
    panels.push(<JacobianPanel key={key('jacobians')} jacobians={blocks.jacobians} />);
  }
  if (blocks.memory) panels.push(<MemoryTimeline key={key('memory')} steps={trace.steps} cursor={cursor} memory={blocks.memory} />);
  if (blocks.attention) {
    panels.push(<AttentionHeatmap key={key('attention')} trace={trace} node={blocks.attention.node} cursor={cursor} />);
  }
  if (blocks.estimators?.length) {
    panels.push(<EstimatorHistogram key={key('estimators')} estimators={blocks.estimators} target={blocks.estimatorTarget} />);
  }
  blocks.tables?.forEach((t, i) => {
    panels.push(<TableView key={key(`table-${i}`)} table={t} />);
  });
  if (blocks.facts?.length) {
    const rows = blocks.facts.map((f) => [f.label, f.value]);
    panels.push(<TableView key={key('stats')} table={{ title: 'Statistics', columns: ['quantity', 'value'], rows }} />);
  }
  if (!panels.length) return null;

  return (
    <section className="gf-panels" aria-label="Lesson panels" data-exercise={exerciseId}>
      {panels}
    </section>
  );
}
