import type { Edge, Node } from '@xyflow/react';
import type { GroupSpec } from '../../core/types';
import { edgeId, type Phase } from '../../engine/trace';
import type { GraphModel, NodeModel } from '../compute/protocol';
import { defaultFolds } from '../store/folds';
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
  /**
   * A merged edge (several graph edges between the same two canvas nodes, one end a folded
   * block): the graph edges it stands for, in graph order; the edge's id is the first one's.
   */
  members?: readonly MergedMember[];
};

/** One graph edge inside a merged edge: its id and its ends' labels (for the tooltip). */
export interface MergedMember {
  id: string;
  from: string;
  to: string;
}
export type GradientFlowEdge = Edge<GradientEdgeData, 'gradient'>;

/** One row of a wrapped layout (flow coordinates): nodes whose top is in [top, bottom]. */
export interface Row {
  top: number;
  bottom: number;
  right: number;
}

/** A column of a tall layout wrapped side by side (flow coordinates). */
export interface Column {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** What the layout needs: sizes and who sits in which group; positions come from elkjs. */
export interface Structure {
  nodes: FlowNode[];
  edges: GradientFlowEdge[];
  /** Rows of the layout, top to bottom (one when it did not wrap); absent before layout. */
  rows?: Row[];
  /** Set when a tall layout was wrapped into columns side by side (then `rows` is one row). */
  columns?: Column[];
}

/** Wide enough for the label and the badge on one line (approximate glyph widths, capped). */
function withLabelRoom(box: Box, label: string, badge: string): Box {
  const need = Math.ceil(16 + 8.4 * [...label].length + 6.6 * [...badge].length + 20);
  return need > box.w ? { ...box, w: Math.min(260, need) } : box;
}

/** A graph as it opens: its default folds and its structure with them (what a new graph is laid out from). */
export function openingStructure(graph: GraphModel, objectiveNode: string): { folded: Record<string, boolean>; structure: Structure } {
  const folded = defaultFolds(graph);
  return { folded, structure: buildStructure(graph, objectiveNode, folded) };
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

  const labelOf = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const edges: GradientFlowEdge[] = [];
  // Edges between the same two canvas nodes into the same handle, one end folded: one edge.
  const merged = new Map<string, { edge: GradientFlowEdge; members: MergedMember[] }>();
  for (const n of graph.nodes) {
    n.inputs.forEach((src, slot) => {
      const fs = foldedGroupOf(src);
      const fd = foldedGroupOf(n.id);
      if (fs && fs === fd) return;
      const edge: GradientFlowEdge = {
        id: edgeId(src, n.id, slot),
        type: 'gradient',
        source: fs ? `group:${fs}` : src,
        target: fd ? `group:${fd}` : n.id,
        sourceHandle: 'out',
        targetHandle: fd ? 'in' : `in${slot}`,
        data: { slot },
        selectable: false,
        focusable: false,
      };
      if (!fs && !fd) {
        edges.push(edge);
        return;
      }
      const member = { id: edge.id, from: labelOf.get(src) ?? src, to: labelOf.get(n.id) ?? n.id };
      const key = `${edge.source}\u0000${edge.target}\u0000${edge.targetHandle}`;
      const known = merged.get(key);
      if (known) {
        known.members.push(member);
        return;
      }
      merged.set(key, { edge, members: [member] });
      edges.push(edge);
    });
  }
  for (const { edge, members } of merged.values()) if (members.length > 1) edge.data = { slot: edge.data?.slot ?? 0, members };
  return { nodes, edges };
}

/** A merged edge's view: its members' views combined (what the one drawn edge carries). */
export type MergedEdgeView = EdgeView & {
  /** The members' own views, in the order of `data.members`. */
  parts: readonly EdgeView[];
};

/**
 * What a merged edge carries: backward once any member's gradient came back, with ‖∇‖ the sum
 * of the members' ‖∇‖ that arrived; else forward once any value went along (‖value‖ the largest
 * member's); else idle. The gradient itself (and its sign) only when it is one member's.
 */
export function mergeEdgeViews(parts: readonly EdgeView[]): MergedEdgeView {
  const back = parts.filter((p) => p.phase === 'backward');
  if (back.length) {
    const one = back.length === 1 ? back[0] : undefined;
    return {
      phase: 'backward',
      valueNorm: null,
      grad: one?.grad ?? null,
      gradNorm: back.reduce((a, p) => a + (p.gradNorm ?? 0), 0),
      gradSign: one?.gradSign ?? null,
      parts,
    };
  }
  const fwd = parts.filter((p) => p.phase === 'forward');
  if (fwd.length) {
    const norms = fwd.map((p) => p.valueNorm).filter((v): v is number => v !== null);
    return { phase: 'forward', valueNorm: norms.length ? Math.max(...norms) : null, grad: null, gradNorm: null, gradSign: null, parts };
  }
  return { phase: 'idle', valueNorm: null, grad: null, gradNorm: null, gradSign: null, parts };
}

/** A merged edge's tooltip: the drawn edge's own line, then each member's ends and what it carries. */
export function mergedEdgeTitle(
  head: string,
  members: readonly MergedMember[],
  parts: readonly EdgeView[],
  fmt: (n: number) => string,
): string {
  const lines = members.map((m, i) => {
    const p = parts[i];
    const what =
      p?.phase === 'backward' ? `‖∇‖ = ${fmt(p.gradNorm ?? 0)}` : p?.phase === 'forward' ? 'value sent forward' : 'no gradient yet';
    return `  ${m.from} → ${m.to}: ${what}`;
  });
  return [`${head} (${members.length} edges drawn as one, ‖∇‖ summed)`, ...lines].join('\n');
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
