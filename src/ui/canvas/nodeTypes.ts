import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { GradientEdge } from './GradientEdge';
import { FoldedNode, FrameNode } from './nodes/GroupNodes';
import { TensorNode } from './nodes/TensorNode';

// Module scope: React Flow re-mounts every node when these objects change identity.
export const nodeTypes = {
  tensor: TensorNode,
  frame: FrameNode,
  folded: FoldedNode,
} satisfies NodeTypes;

export const edgeTypes = { gradient: GradientEdge } satisfies EdgeTypes;
