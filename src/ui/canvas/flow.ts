import type { Edge, Node } from '@xyflow/react';
import type { GroupSpec } from '../../core/types';
import { edgeId, type Phase } from '../../engine/trace';
import type { GraphModel, NodeModel } from '../compute/protocol';
import type { EdgeView } from '../trace/timeline';
import { type Box, boxOf, FOLDED_BOX } from './box';
import type { Route } from './edgePath';
import { describeNode, type NodeIdentity, type TensorNodeKind } from './nodeKind';

export type { TensorNodeKind };

/** Node data: one tensor node type carrying its kind, a frame, a folded group. */
/** y of each input handle and of the output handle (px from the node's top), set by the layout. */
export type Handles = { in: number[]; out: number };
export type TensorNodeData = { kind: TensorNodeKind; model: NodeModel; identity: NodeIdentity; box: Box; handles?: Handles };
export type FrameNodeData = { kind: 'frame'; group: GroupSpec; members: string[] };
export type FoldedNodeData = { kind: 'folded'; group: GroupSpec; members: string[]; box: Box; handles?: Handles };

export type TensorFlowNode = Node<TensorNodeData, 'tensor'>;
export type FrameFlowNode = Node<FrameNodeData, 'frame'>;
export type FoldedFlowNode = Node<FoldedNodeData, 'folded'>;
export type FlowNode = TensorFlowNode | FrameFlowNode | FoldedFlowNode;

/**
 * A gradient edge. In the explorer it reads its state from the store by id; rendered on its
 * own (a benchmark, a story) it takes `view`/`active`/`maxGradNorm` from its data.
 */
export type GradientEdgeData = {
  slot: number;
  view?: EdgeView;
  active?: boolean;
  maxGradNorm?: number;
  stepPhase?: Phase;
  /** Set by the layout on an edge between two rows of a wrapped layout (see edgePath). */
  route?: Route;
};
export type GradientFlowEdge = Edge<GradientEdgeData, 'gradient'>;

/** One row of a wrapped layout (flow coordinates): nodes whose top is in [top, bottom]. */
export interface Row {
  top: number;
  bottom: number;
  right: number;
}

/** What the layout needs: sizes and who sits in which group; positions come from elkjs. */
export interface Structure {
  nodes: FlowNode[];
  edges: GradientFlowEdge[];
  /** Rows of the layout, top to bottom (one when it did not wrap); absent before layout. */
  rows?: Row[];
}

/** Wide enough for the label and the badge on one line (approximate glyph widths, capped). */
function withLabelRoom(box: Box, label: string, badge: string): Box {
  const need = Math.ceil(16 + 8.4 * [...label].length + 6.6 * [...badge].length + 20);
  return need > box.w ? { ...box, w: Math.min(260, need) } : box;
}

/**
 * Nodes and edges for React Flow before layout. Unfolded groups become frames holding their
 * members; a folded group is one node, and edges crossing it attach to it (ids unchanged).
 */
export function buildStructure(graph: GraphModel, objectiveNode: string, folded: Readonly<Record<string, boolean>>): Structure {
  const groups = new Map(graph.groups.map((g) => [g.id, g]));
  const members = new Map<string, string[]>();
  for (const n of graph.nodes) {
    if (!n.group || !groups.has(n.group)) continue;
    const list = members.get(n.group);
    if (list) list.push(n.id);
    else members.set(n.group, [n.id]);
  }
  const groupOfId = new Map(graph.nodes.map((n) => [n.id, n.group && members.has(n.group) ? n.group : undefined]));
  // One map lookup per edge end (a `find` per edge made this O(N·E)).
  const foldedGroupOf = (id: string): string | undefined => {
    const g = groupOfId.get(id);
    return g && folded[g] ? g : undefined;
  };

  const nodes: FlowNode[] = [];
  for (const [gid, ids] of members) {
    const group = groups.get(gid) as GroupSpec;
    if (folded[gid])
      nodes.push({
        id: `group:${gid}`,
        type: 'folded',
        position: { x: 0, y: 0 },
        data: { kind: 'folded', group, members: ids, box: FOLDED_BOX },
      });
    else
      nodes.push({
        id: `group:${gid}`,
        type: 'frame',
        position: { x: 0, y: 0 },
        data: { kind: 'frame', group, members: ids },
        selectable: false,
      });
  }
  for (const n of graph.nodes) {
    const g = groupOfId.get(n.id);
    if (g && folded[g]) continue;
    const identity = describeNode(n, objectiveNode);
    const box = withLabelRoom(boxOf(n.shape), n.label, identity.badge);
    const base = {
      id: n.id,
      position: { x: 0, y: 0 },
      width: box.w,
      height: box.h,
      data: { kind: identity.kind, model: n, identity, box },
    };
    const parent = g ? { parentId: `group:${g}`, extent: 'parent' as const } : {};
    nodes.push({ ...base, ...parent, type: 'tensor' } as FlowNode);
  }

  const edges: GradientFlowEdge[] = [];
  for (const n of graph.nodes) {
    n.inputs.forEach((src, slot) => {
      const fs = foldedGroupOf(src);
      const fd = foldedGroupOf(n.id);
      if (fs && fs === fd) return;
      edges.push({
        id: edgeId(src, n.id, slot),
        type: 'gradient',
        source: fs ? `group:${fs}` : src,
        target: fd ? `group:${fd}` : n.id,
        sourceHandle: 'out',
        targetHandle: fd ? 'in' : `in${slot}`,
        data: { slot },
        selectable: false,
        focusable: false,
      });
    });
  }
  return { nodes, edges };
}

/** Identity of a layout: structure, shapes (sizes), objective and folds. */
export function layoutKey(graph: GraphModel, objectiveNode: string, folded: Readonly<Record<string, boolean>>): string {
  const shapes = graph.nodes.map((n) => n.shape.join('x')).join(',');
  const folds = Object.keys(folded)
    .filter((k) => folded[k])
    .sort()
    .join(',');
  return `${graph.structureKey}|${shapes}|${objectiveNode}|${folds}`;
}
