import { Background, Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { fmtSci } from '../../core/format';
import { nodeTypes } from '../canvas/nodeTypes';
import { useFlowNodes } from '../canvas/useFlowNodes';
import { useLaidOut } from '../canvas/useLaidOut';
import { inertText } from '../compute/inert';
import { selectHidden, selectTimeline, timelineOf } from '../store/selectors';
import type { ExplorerStore } from '../store/types';
import { sharedMaxGradNorm } from '../trace/sharedScale';
import { RatioContext, type RatioData, RatioEdge } from './RatioEdge';
import { edgeRatios, type RatioTable } from './ratio';
import { fmtPower, type RatioScale, ratioScale } from './ratioScale';

// Module scope: React Flow re-mounts every edge when this object changes identity.
const ratioEdgeTypes = { gradient: RatioEdge };

/** The ratio of A's and B's edge norms at the two panes' cursors (null until both have run). */
function useRatios(a: ExplorerStore, b: ExplorerStore): RatioData | null {
  const runA = useStore(a, (s) => s.run);
  const runB = useStore(b, (s) => s.run);
  const cursorA = useStore(a, (s) => s.cursor);
  const hidden = useStore(a, selectHidden);
  const cursorB = useStore(b, (s) => s.cursor);
  return useMemo(() => {
    if (!runA || !runB) return null;
    const table = edgeRatios(
      { graph: runA.graph, timeline: timelineOf(runA), cursor: cursorA, hideCurrent: hidden },
      { graph: runB.graph, timeline: timelineOf(runB), cursor: cursorB },
    );
    // The scale spans the whole run's ratios (both ends of the traces), so colours keep their meaning while stepping.
    const end = edgeRatios(
      { graph: runA.graph, timeline: timelineOf(runA), cursor: runA.trace.steps.length },
      { graph: runB.graph, timeline: timelineOf(runB), cursor: runB.trace.steps.length },
    );
    return { table, scale: ratioScale(end.maxDecades) };
  }, [runA, runB, cursorA, cursorB, hidden]);
}

function Legend({ scale, table, top }: { scale: RatioScale; table: RatioTable; top: number | null }) {
  const stops = [-1, -0.5, 0, 0.5, 1].map((t) => `${scale.colour(t * scale.decades)} ${((t + 1) / 2) * 100}%`).join(', ');
  const onlyA = [...table.byA.values()].filter((r) => r.cell.kind === 'only-a').length;
  const onlyB = table.onlyB;
  return (
    <div className="gf-ratio-legend" data-testid="ratio-legend" data-decades={scale.decades}>
      <div className="gf-ratio-legend__title">
        ‖∇‖<sub>B</sub>
        {' / '}‖∇‖<sub>A</sub> per edge, in orders of magnitude (label: log₁₀ of it)
      </div>
      <div className="gf-ratio-legend__bar" style={{ background: `linear-gradient(to right, ${stops})` }} />
      <div className="gf-ratio-legend__ticks">
        {scale.ticks.map((d) => (
          <span key={d} style={{ left: `${((d / scale.decades + 1) / 2) * 100}%` }}>
            {fmtPower(d)}
          </span>
        ))}
      </div>
      <div className="gf-ratio-legend__ends">
        <span>B smaller</span>
        <span>equal</span>
        <span>B larger</span>
      </div>
      <ul className="gf-ratio-legend__keys">
        <li>
          <svg width="28" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="28" y2="4" stroke="#c4ccd6" strokeWidth="1.5" />
          </svg>
          no gradient yet
        </li>
        <li>
          <svg width="28" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="28" y2="4" stroke="#9aa3ad" strokeWidth="2" strokeDasharray="8 4" />
          </svg>
          edge on one side only{onlyA ? ` (A only: ${onlyA})` : ''}
        </li>
        {top !== null && (
          <li data-testid="ratio-shared-scale" data-top={top}>
            node bars and heatmaps: A and B on one ‖∇‖ scale, top {fmtSci(top, 2)}
          </li>
        )}
        {onlyB.length > 0 && (
          <li data-testid="ratio-only-b" data-count={onlyB.length}>
            B has {onlyB.length} edge{onlyB.length === 1 ? '' : 's'} A lacks (see pane B):{' '}
            {onlyB
              .slice(0, 4)
              .map((r) => `${inertText(r.edge.source)} → ${inertText(r.edge.target)}`)
              .join(', ')}
            {onlyB.length > 4 ? ', …' : ''}
          </li>
        )}
      </ul>
    </div>
  );
}

/** One canvas, A's graph, each edge coloured by log₁₀(‖∇‖_B / ‖∇‖_A) at the aligned cursors. */
export function RatioView({ a, b }: { a: ExplorerStore; b: ExplorerStore }) {
  const graph = useStore(a, (s) => s.run?.graph ?? null);
  const objectiveNode = useStore(a, (s) => s.run?.trace.objectiveNode ?? '');
  const folded = useStore(
    a,
    useShallow((s) => s.folded),
  );
  const box = useRef<HTMLDivElement>(null);
  const { laid, error } = useLaidOut(graph, objectiveNode, folded, box);
  const data = useRatios(a, b);
  // The panes' shared gradient scale (trace/sharedScale.ts), which the nodes here are drawn on too.
  const top = useStore(a, (s) => {
    const t = selectTimeline(s);
    return t ? sharedMaxGradNorm(t) : null;
  });
  const nodes = useFlowNodes(laid, graph, objectiveNode);
  return (
    <div className="gf-ratio" data-testid="ratio-view">
      <div ref={box} className="gf-ratio__canvas">
        {error ? (
          <p className="gf-compare__message">Layout failed: {error}</p>
        ) : !laid || !data ? (
          <p className="gf-compare__message">{data ? 'Laying out the graph…' : 'Waiting for both runs…'}</p>
        ) : (
          <RatioContext.Provider value={data}>
            <ReactFlowProvider>
              <ReactFlow
                key={laid.graphKey}
                nodes={nodes}
                edges={laid.edges}
                nodeTypes={nodeTypes}
                edgeTypes={ratioEdgeTypes}
                fitView
                nodesDraggable={false}
                nodesConnectable={false}
                elementsSelectable={false}
                edgesFocusable={false}
                disableKeyboardA11y
                deleteKeyCode={null}
                zoomOnDoubleClick={false}
                minZoom={0.05}
                maxZoom={3}
              >
                <Background gap={24} size={1} color="var(--gf-grid)" />
                <Controls showInteractive={false} position="bottom-left" />
              </ReactFlow>
            </ReactFlowProvider>
          </RatioContext.Provider>
        )}
      </div>
      {data && <Legend scale={data.scale} table={data.table} top={top} />}
    </div>
  );
}
