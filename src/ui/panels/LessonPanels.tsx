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

/** What a panel is handed besides its own block. */
interface PanelContext {
  trace: Trace;
  cursor: number;
  layers: ReturnType<typeof nodesByLayer>;
  onHighlight?: (nodeIds: string[] | null) => void;
  /** A React key unique to this exercise and panel. */
  key: (name: string) => string;
}

type Draw<K extends keyof LessonBlocks> = (block: NonNullable<LessonBlocks[K]>, ctx: PanelContext, blocks: LessonBlocks) => JSX.Element[];

/**
 * The one map from a block type to the panels drawn for it, in display order. `null`: the block is
 * machine-readable only (`run --json`) and draws nothing. Typed over every key of LessonBlocks, so a
 * new block type does not compile until it has its line here.
 */
const PANELS: { [K in keyof LessonBlocks]-?: Draw<K> | null } = {
  series: (series, c) =>
    series.map((s, i) => <SeriesChart key={c.key(`series-${i}`)} series={s} layers={c.layers} onHighlight={c.onHighlight} />),
  training: (training, c) => [<TrainingChart key={c.key('training')} training={training} />],
  jacobians: (jacobians, c) => (Object.keys(jacobians).length ? [<JacobianPanel key={c.key('jacobians')} jacobians={jacobians} />] : []),
  memory: (memory, c) => [<MemoryTimeline key={c.key('memory')} steps={c.trace.steps} cursor={c.cursor} memory={memory} />],
  attention: (attention, c) => [<AttentionHeatmap key={c.key('attention')} trace={c.trace} node={attention.node} cursor={c.cursor} />],
  estimators: (estimators, c, b) =>
    estimators.length ? [<EstimatorHistogram key={c.key('estimators')} estimators={estimators} target={b.estimatorTarget} />] : [],
  tables: (tables, c) => tables.map((t, i) => <TableView key={c.key(`table-${i}`)} table={t} />),
  facts: (facts, c) =>
    facts.length
      ? [
          <TableView
            key={c.key('stats')}
            table={{ title: 'Statistics', columns: ['quantity', 'value'], rows: facts.map((f) => [f.label, f.value]) }}
          />,
        ]
      : [],
  // Drawn by the panel of another block, or read by `run --json` only.
  estimatorTarget: null,
  estimates: null,
  estimatorSamples: null,
  stats: null,
};

/**
 * The lesson's plots and tables. Each panel is drawn for the typed block that asks for it
 * (`PANELS`); the exercise id only resets panel state (replays, progress) when the exercise
 * changes. Draws numbers, never computes gradients.
 */
export function LessonPanels({ exerciseId, blocks, trace, cursor, onHighlight, nodes = [] }: LessonPanelsProps): JSX.Element | null {
  const layers = useMemo(() => nodesByLayer(nodes), [nodes]);
  const ctx: PanelContext = { trace, cursor, layers, onHighlight, key: (name) => `${exerciseId}:${name}` };
  const panels = (Object.keys(PANELS) as (keyof LessonBlocks)[]).flatMap((k) => {
    const draw = PANELS[k] as Draw<typeof k> | null;
    const block = blocks[k];
    return draw && block !== undefined ? draw(block as NonNullable<LessonBlocks[typeof k]>, ctx, blocks) : [];
  });
  if (!panels.length) return null;

  return (
    <section className="gf-panels" aria-label="Lesson panels" data-exercise={exerciseId}>
      {panels}
    </section>
  );
}
