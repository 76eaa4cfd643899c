import { Background, Controls, Panel, ReactFlow, useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useExplorer, useExplorerStore } from '../store/context';
import { ExportButtons } from './ExportButtons';
import type { FlowNode } from './flow';
import { edgeTypes, nodeTypes } from './nodeTypes';
import { ParticleLayer } from './ParticleLayer';
import { setCanvasDrawn } from './ready';
import { useLaidOut } from './useLaidOut';

const FIT = { padding: 0.06, maxZoom: 1.4, minZoom: 0.05 };

/** Refits when the canvas is resized (inspector shown or hidden, presenter mode). */
function FitOnResize() {
  const rf = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    if (width && height) void rf.fitView(FIT);
  }, [width, height, rf]);
  return null;
}

/** The graph: React Flow with an elkjs layout computed once per structure, never per step. */
export function Canvas() {
  const graph = useExplorer((s) => s.run?.graph ?? null);
  const objectiveNode = useExplorer((s) => s.run?.trace.objectiveNode ?? '');
  const folded = useExplorer(useShallow((s) => s.folded));
  const store = useExplorerStore();
  const box = useRef<HTMLDivElement>(null);
  const { laid, error: layoutError, drawsGraph } = useLaidOut(graph, objectiveNode, folded, box);
  // Step keys wait until this graph is drawn (the frame after React Flow mounts it).
  useEffect(() => {
    if (!drawsGraph) {
      setCanvasDrawn(store, false);
      return;
    }
    const raf = requestAnimationFrame(() => setCanvasDrawn(store, true));
    return () => cancelAnimationFrame(raf);
  }, [drawsGraph, store]);

  // Same structure, new run (an edited value): keep positions, refresh each node's model.
  const nodes = useMemo(() => {
    if (!laid || !graph) return [];
    const models = new Map(graph.nodes.map((n) => [n.id, n]));
    return laid.nodes.map((n) => {
      if (!('model' in n.data)) return n;
      const m = models.get(n.id);
      return m && m !== n.data.model ? ({ ...n, data: { ...n.data, model: m } } as FlowNode) : n;
    });
  }, [laid, graph]);

  if (layoutError)
    return (
      <div ref={box} className="gf-canvas gf-canvas--message">
        Layout failed: {layoutError}
      </div>
    );
  if (!laid)
    return (
      <div ref={box} className="gf-canvas gf-canvas--message">
        Laying out the graph…
      </div>
    );
  return (
    <div ref={box} className="gf-canvas" data-testid="canvas">
      <ReactFlow
        // A new graph starts from a fitted view; folding keeps the view (the rest stays put).
        key={laid.graphKey}
        // Only nodes and edges in view are mounted: a big graph costs what is on screen.
        onlyRenderVisibleElements
        fitView
        fitViewOptions={FIT}
        nodes={nodes}
        edges={laid.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        disableKeyboardA11y
        deleteKeyCode={null}
        zoomOnDoubleClick={false}
        minZoom={0.05}
        maxZoom={3}
        onNodeClick={(_, n) => {
          if (n.type !== 'frame' && n.type !== 'folded') store.getState().select(n.id);
        }}
        onPaneClick={() => store.getState().select(null)}
      >
        <FitOnResize />
        <ParticleLayer />
        <Background gap={24} size={1} color="#dde3ea" />
        <Controls showInteractive={false} position="top-left" />
        <Panel position="top-right" className="gf-chrome">
          <ExportButtons structure={laid} />
        </Panel>
        <Panel position="bottom-left" className="gf-legend-panel">
          <Legend />
        </Panel>
      </ReactFlow>
    </div>
  );
}

function Legend() {
  return (
    <div className="gf-legend">
      <span>
        <i className="gf-swatch gf-swatch--forward" /> value
      </span>
      <span>
        <i className="gf-swatch gf-swatch--backward" /> ∇, width ∝ log‖∇‖
      </span>
      <span>
        <i className="gf-swatch gf-swatch--neg" /> scalar ∇ &lt; 0
      </span>
      <span>
        <i className="gf-swatch gf-swatch--heat" /> − 0 +
      </span>
    </div>
  );
}
