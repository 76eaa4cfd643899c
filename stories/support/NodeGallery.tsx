import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { buildStructure, type FlowNode } from '../../src/ui/canvas/flow';
import { nodeTypes } from '../../src/ui/canvas/nodeTypes';
import { useExplorer } from '../../src/ui/store/context';
import type { ExplorerArgs } from './explorer';
import { STATIC_FLOW } from './staticFlow';

export interface NodeGalleryProps extends ExplorerArgs {
  /** Node ids (or `group:<id>` for a folded group) to show side by side, as the canvas draws them. */
  show: string[];
}

const GAP = 48;

/**
 * Some nodes of the story's graph, drawn by the canvas's own node components at the story's
 * step, in a row (no layout engine, no edges): one node type at a time.
 */
export function NodeGallery({ show }: NodeGalleryProps) {
  const graph = useExplorer((s) => s.run?.graph ?? null);
  const objectiveNode = useExplorer((s) => s.run?.trace.objectiveNode ?? '');
  const folded = useExplorer(useShallow((s) => s.folded));
  const nodes = useMemo(() => {
    if (!graph) return [];
    const all = buildStructure(graph, objectiveNode, folded).nodes;
    let x = 0;
    const out: FlowNode[] = [];
    for (const id of show) {
      const n = all.find((m) => m.id === id);
      if (!n || n.type === 'frame') continue;
      // Shown without its group's frame: no parent.
      const { parentId: _p, extent: _e, ...free } = n;
      out.push({ ...free, position: { x, y: 0 } } as FlowNode);
      x += ('box' in n.data ? n.data.box.w : 160) + GAP;
    }
    return out;
  }, [graph, objectiveNode, folded, show]);
  if (!graph) return <p className="gf-muted">Running the exercise…</p>;
  return (
    <ReactFlowProvider>
      <div className="gf-canvas" style={{ height: 260 }} data-testid="node-gallery">
        <ReactFlow nodes={nodes} edges={[]} nodeTypes={nodeTypes} {...STATIC_FLOW} fitViewOptions={{ padding: 0.15, maxZoom: 1.6 }} />
      </div>
    </ReactFlowProvider>
  );
}
