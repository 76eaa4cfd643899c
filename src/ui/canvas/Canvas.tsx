import { Background, ReactFlow, useStore as useFlowStore } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useFarView } from '../compare/zoomLevel';
import { useExplorer, useExplorerStore } from '../store/context';
import { TrackCallout } from '../tracks/TrackCallout';
import { CanvasBar } from './CanvasBar';
import { Camera } from './camera/Camera';
import { connectEdit } from './edit/connect';
import { edgeRefOf, selectEdge, useEditableEdges } from './edit/edges';
import { useEditing } from './edit/useEditing';
import { edgeTypes, nodeTypes } from './nodeTypes';
import { ParticleLayer } from './ParticleLayer';
import { setCanvasDrawn } from './ready';
import { useFlowNodes } from './useFlowNodes';
import { useLaidOut } from './useLaidOut';
import { useCanvasViewStore } from './viewState';

// Below this zoom a node is its symbol and a ‖∇‖ bar: ex03 at 1280×720 fits at ~0.4 and keeps its numbers.
const FAR_ZOOM = 0.3;

/** The graph: React Flow with an elkjs layout computed once per structure, never per step. */
export function Canvas() {
  const graph = useExplorer((s) => s.run?.graph ?? null);
  const objectiveNode = useExplorer((s) => s.run?.trace.objectiveNode ?? '');
  const folded = useExplorer(useShallow((s) => s.folded));
  const store = useExplorerStore();
  const view = useCanvasViewStore();
  const editing = useEditing();
  // Semantic zoom: below this zoom nodes draw as symbol + ‖∇‖ bar (labels would be unreadable).
  // (in a comparison both panes draw alike: far only when both are)
  const far = useFarView(useFlowStore((s) => s.transform[2] < FAR_ZOOM));
  const box = useRef<HTMLDivElement>(null);
  const upcoming = useExplorer((s) => s.upcoming);
  const { laid, error: layoutError, drawsGraph } = useLaidOut(graph, objectiveNode, folded, box, upcoming);
  // Step keys wait until this graph is drawn (the frame after React Flow mounts it); the canvas
  // says so in `data-drawn` for whoever waits on the page.
  const shownKey = drawsGraph ? (laid?.graphKey ?? null) : null;
  const [drawnKey, setDrawnKey] = useState<string | null>(null);
  useEffect(() => {
    if (shownKey === null) {
      setCanvasDrawn(store, false);
      return;
    }
    const raf = requestAnimationFrame(() => {
      setDrawnKey(shownKey);
      setCanvasDrawn(store, true);
    });
    return () => cancelAnimationFrame(raf);
  }, [shownKey, store]);

  const nodes = useFlowNodes(laid, graph, objectiveNode);
  const edges = useEditableEdges(laid?.edges, editing);

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
    <div ref={box} className="gf-canvas" data-testid="canvas" data-drawn={shownKey !== null && drawnKey === shownKey}>
      <CanvasBar structure={laid} />
      <div className={`gf-canvas__flow${far ? ' is-far' : ''}`} data-testid="canvas-flow" data-zoom-level={far ? 'far' : 'near'}>
        <ReactFlow
          // A new graph starts from a fitted view (or, following, a framed step); folding keeps the view.
          key={laid.graphKey}
          // Only nodes and edges in view are mounted: a big graph costs what is on screen.
          onlyRenderVisibleElements
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          nodesDraggable={false}
          nodesConnectable={editing}
          onConnect={editing ? (c) => void connectEdit(store, c) : undefined}
          onEdgeClick={editing ? (_, e) => selectEdge(store, edgeRefOf(e)) : undefined}
          elementsSelectable={false}
          edgesFocusable={false}
          disableKeyboardA11y
          deleteKeyCode={null}
          zoomOnDoubleClick={false}
          // React Flow's credit is a link in the canvas bar (its corner panel would sit over nodes).
          proOptions={{ hideAttribution: true }}
          minZoom={0.05}
          maxZoom={3}
          // A pan or zoom by hand (an event; the camera's own moves have none) pauses following.
          onMoveStart={(e) => {
            if (e) view.getState().pauseFollow();
          }}
          onNodeClick={(_, n) => {
            if (n.type !== 'frame' && n.type !== 'folded') store.getState().select(n.id);
          }}
          onPaneClick={() => {
            store.getState().select(null);
            selectEdge(store, null);
          }}
        >
          <Camera nodes={nodes} graphKey={laid.graphKey} />
          <ParticleLayer />
          <TrackCallout nodes={nodes} />
          <Background gap={24} size={1} color="var(--gf-grid)" />
        </ReactFlow>
      </div>
    </div>
  );
}
