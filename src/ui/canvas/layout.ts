import type { ELK as ElkApi, ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api';
import { type Box, inputHandleY, outputHandleY } from './box';
import type { FlowNode, Handles, Structure } from './flow';

// elkjs is large (~1.6 MB) and a big layout takes ~1 s: it runs in its own Web Worker, loaded
// with the first layout. Without workers (Node scripts) the bundled copy runs in-thread.
let elk: Promise<ElkApi> | null = null;
const loadElk = (): Promise<ElkApi> => {
  elk ??=
    typeof Worker === 'undefined'
      ? import('elkjs/lib/elk.bundled.js').then((m) => new m.default())
      : Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]).then(
          ([api, url]) => new api.default({ workerUrl: url.default }),
        );
  return elk;
};

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '40',
  'elk.spacing.nodeNode': '18',
  'elk.spacing.edgeNode': '14',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.crossingMinimization.semiInteractive': 'false',
};

const FRAME_OPTIONS = { 'elk.padding': '[top=34,left=14,bottom=14,right=14]' };

function ports(n: FlowNode, inputs: number): ElkPort[] {
  const box: Box | undefined = 'box' in n.data ? n.data.box : undefined;
  if (!box) return [];
  // Order fixed (slot 0 on top), positions left to elk so the main path runs straight.
  const list: ElkPort[] = [{ id: `${n.id}::out`, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': '0' } }];
  for (let i = 0; i < inputs; i++) {
    list.push({
      id: `${n.id}::in${i}`,
      width: 0,
      height: 0,
      // Clockwise from the top-left: on the west side a higher index sits higher.
      layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': String(1 + inputs - 1 - i) },
    });
  }
  return list;
}

/** Handle positions from elk's ports, kept inside the node's body; defaults where elk gave none. */
function handlesOf(n: FlowNode, placed: ElkNode | undefined, inputs: number): Handles | undefined {
  const box: Box | undefined = 'box' in n.data ? n.data.box : undefined;
  if (!box) return undefined;
  const y = (id: string, fallback: number) => {
    const p = placed?.ports?.find((q) => q.id === id);
    return p?.y === undefined ? fallback : Math.max(8, Math.min(box.h - 8, p.y));
  };
  return {
    out: y(`${n.id}::out`, outputHandleY(box)),
    in: Array.from({ length: inputs }, (_, i) => y(`${n.id}::in${i}`, inputHandleY(box, i, inputs))),
  };
}

/** When to wrap: wider than `minWidth` px and `maxAspect` times wider than tall; rows aim at `aspect`. */
export interface WrapPolicy {
  minWidth: number;
  maxAspect: number;
  aspect: number;
}

export const DEFAULT_WRAP: WrapPolicy = { minWidth: 1500, maxAspect: 1.8, aspect: 1.6 };

/**
 * Left-to-right layered layout (elkjs). Positions of children are relative to their frame,
 * as React Flow expects. Runs once per structure, never per step.
 */
export async function layoutStructure(s: Structure, wrapAt: WrapPolicy = DEFAULT_WRAP): Promise<Structure> {
  const inputsOf = new Map<string, number>();
  for (const e of s.edges) {
    const h = e.targetHandle ?? '';
    const slot = h.startsWith('in') && h !== 'in' ? Number(h.slice(2)) + 1 : 1;
    inputsOf.set(e.target, Math.max(inputsOf.get(e.target) ?? 0, slot));
  }
  const elkNodes = new Map<string, ElkNode>();
  const top: ElkNode[] = [];
  for (const n of s.nodes) {
    const box = 'box' in n.data ? n.data.box : undefined;
    const en: ElkNode =
      n.type === 'frame'
        ? { id: n.id, children: [], layoutOptions: FRAME_OPTIONS }
        : {
            id: n.id,
            width: box?.w ?? 120,
            height: box?.h ?? 60,
            ports: ports(n, inputsOf.get(n.id) ?? 0),
            layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
          };
    elkNodes.set(n.id, en);
    const parent = n.parentId ? elkNodes.get(n.parentId) : undefined;
    if (parent) parent.children?.push(en);
    else top.push(en);
  }
  const edges: ElkExtendedEdge[] = s.edges.map((e) => {
    const tn = elkNodes.get(e.target);
    const sn = elkNodes.get(e.source);
    const tp = `${e.target}::${e.targetHandle === 'in' ? 'in0' : e.targetHandle}`;
    const sp = `${e.source}::out`;
    return {
      id: e.id,
      sources: [sn?.ports?.some((p) => p.id === sp) ? sp : e.source],
      targets: [tn?.ports?.some((p) => p.id === tp) ? tp : e.target],
    };
  });
  const api = await loadElk();
  const graph: ElkNode = { id: 'root', layoutOptions: ROOT_OPTIONS, children: top, edges };
  let out: ElkNode = await api.layout(structuredClone(graph));
  // A long chain (a deep network) wraps into rows rather than shrinking to an unreadable strip.
  if ((out.width ?? 0) > wrapAt.minWidth && (out.width ?? 0) / Math.max(1, out.height ?? 1) > wrapAt.maxAspect) {
    const wrap = { 'elk.layered.wrapping.strategy': 'MULTI_EDGE', 'elk.aspectRatio': String(wrapAt.aspect) };
    out = await api.layout({ ...graph, layoutOptions: { ...ROOT_OPTIONS, ...wrap } });
  }

  const placed = new Map<string, ElkNode>();
  const walk = (list: ElkNode[] | undefined) => {
    for (const c of list ?? []) {
      placed.set(c.id, c);
      walk(c.children);
    }
  };
  walk(out.children);
  const nodes = s.nodes.map((n) => {
    const p = placed.get(n.id);
    const pos = { x: p?.x ?? 0, y: p?.y ?? 0 };
    if (n.type === 'frame')
      return { ...n, position: pos, width: p?.width ?? 200, height: p?.height ?? 120, style: { width: p?.width, height: p?.height } };
    return { ...n, position: pos, data: { ...n.data, handles: handlesOf(n, p, inputsOf.get(n.id) ?? 0) } };
  }) as FlowNode[];
  return { nodes, edges: s.edges };
}

/** Absolute position of every node (children are stored relative to their frame). */
export function absolutePositions(nodes: readonly FlowNode[]): Map<string, { x: number; y: number; w: number; h: number }> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, { x: number; y: number; w: number; h: number }>();
  const abs = (n: FlowNode): { x: number; y: number } => {
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    const p = parent ? abs(parent) : { x: 0, y: 0 };
    return { x: p.x + n.position.x, y: p.y + n.position.y };
  };
  for (const n of nodes) {
    const a = abs(n);
    out.set(n.id, { ...a, w: n.width ?? 0, h: n.height ?? 0 });
  }
  return out;
}
