import { type Edge, type Node, Position, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import type { Phase } from '../../src/engine/trace';
import type { GradientEdgeData } from '../../src/ui/canvas/flow';
import { edgeTypes } from '../../src/ui/canvas/nodeTypes';
import { ParticleLayer } from '../../src/ui/canvas/ParticleLayer';
import type { EdgePhase } from '../../src/ui/trace/timeline';
import { STATIC_FLOW } from './staticFlow';

export interface DemoEdge {
  id: string;
  /** What the source node says. */
  label: string;
  phase: EdgePhase;
  /** ‖gradient‖ carried back (backward phase). */
  gradNorm?: number;
  /** Sign of a scalar gradient (null for a tensor). */
  gradSign?: -1 | 0 | 1 | null;
  /** Touched by the step just done (it moves). */
  active?: boolean;
  stepPhase?: Phase;
}

export interface EdgeDemoProps {
  edges: DemoEdge[];
  /** Top of the log scale: the largest gradient norm in the (imagined) trace. */
  maxGradNorm?: number;
}

const LEFT_TO_RIGHT = { sourcePosition: Position.Right, targetPosition: Position.Left };

/** Gradient edges on their own, one per row, between two plain nodes: the edge reads its data, not a store. */
export function EdgeDemo({ edges, maxGradNorm = 1 }: EdgeDemoProps) {
  const { nodes, list } = useMemo(() => {
    const nodes: Node[] = edges.flatMap((e, i) => [
      { id: `${e.id}-from`, position: { x: 0, y: i * 70 }, data: { label: e.label }, width: 170, height: 40, ...LEFT_TO_RIGHT },
      { id: `${e.id}-to`, position: { x: 420, y: i * 70 }, data: { label: 'consumer' }, width: 110, height: 40, ...LEFT_TO_RIGHT },
    ]);
    const list: Edge<GradientEdgeData>[] = edges.map((e) => ({
      id: e.id,
      source: `${e.id}-from`,
      target: `${e.id}-to`,
      type: 'gradient',
      data: {
        slot: 0,
        view: { phase: e.phase, valueNorm: 1, grad: null, gradNorm: e.gradNorm ?? null, gradSign: e.gradSign ?? null },
        active: e.active ?? false,
        stepPhase: e.stepPhase,
        maxGradNorm,
      },
    }));
    return { nodes, list };
  }, [edges, maxGradNorm]);
  return (
    <ReactFlowProvider>
      <div className="gf-canvas" style={{ width: 640, height: 90 + 70 * edges.length }} data-testid="edge-demo">
        <ReactFlow nodes={nodes} edges={list} edgeTypes={edgeTypes} {...STATIC_FLOW} fitViewOptions={{ padding: 0.12, maxZoom: 1.2 }}>
          <ParticleLayer />
        </ReactFlow>
      </div>
    </ReactFlowProvider>
  );
}
