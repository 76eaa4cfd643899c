import type { ELK as ElkApi, ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api';
import { type Box, inputHandleY, outputHandleY } from './box';
import type { Column, FlowNode, GradientFlowEdge, Handles, Row, Structure } from './flow';
import { withFlowHandles } from './handles';
import { layered } from './layered';
import { timed } from './phaseTiming';
import { routeRows } from './routes';

// elkjs is large (~1.6 MB): it runs in its own Web Worker, loaded with the first layout.
// Without workers (Node scripts, tests) the bundled copy runs in-thread.
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

/**
 * A few boxes, a port of each kind and a frame: what a real layout goes through. elkjs's first
 * layout in a fresh worker costs 200–300 ms more than the next (its classes initialise, the JIT
 * is cold); laid out at app start, that time passes while the engine loads, not after the run.
 */
const WARM_UP: ElkNode = {
  id: 'root',
  layoutOptions: ROOT_OPTIONS,
  children: [
    { id: 'a', width: 60, height: 40, ports: [{ id: 'a::out', width: 0, height: 0, layoutOptions: { 'elk.port.side': 'EAST' } }] },
    {
      id: 'f',
      layoutOptions: FRAME_OPTIONS,
      children: [
        {
          id: 'b',
          width: 60,
          height: 40,
          layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
          ports: [
            { id: 'b::in0', width: 0, height: 0, layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': '1' } },
            { id: 'b::out', width: 0, height: 0, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': '0' } },
          ],
        },
      ],
    },
    { id: 'c', width: 60, height: 40 },
  ],
  edges: [
    { id: 'ab', sources: ['a::out'], targets: ['b::in0'] },
    { id: 'bc', sources: ['b::out'], targets: ['c'] },
  ],
};

/** Starts loading the layout engine now (app start) and warms it up, so the first layout waits for neither. */
export function preloadLayout(): void {
  void loadElk()
    .then((e) => e.layout(structuredClone(WARM_UP)))
    .catch(() => {});
}

/** Gap between a side leaf's column and its consumer; between stacked side leaves. */
const SIDE_GAP = 26;
const STACK_GAP = 10;
/** Vertical gap between wrapped rows (room for the row-to-row edges' lanes). */
export const ROW_GAP = 56;
/** A flat structure (no frames) of more boxes than this is placed by `layered`, not elkjs (seconds at this size). */
export const FAST_LAYOUT_ABOVE = 100;
/** Fewer top-level blocks than this never wrap. */
const MIN_BLOCKS_TO_WRAP = 12;

/** Layout inputs beyond the structure. */
export interface LayoutOptions {
  /**
   * Width / height of the canvas the graph is shown in. A layout much wider than that wraps
   * into rows (cut between blocks) so that it fills the canvas; none: never wraps.
   */
  aspect?: number;
  /**
   * Width of that canvas (px). A graph that fits it at a readable zoom (up to 2.1× wider:
   * the camera zooms in on the step) never wraps. Without it, graphs up to 2,360 px never wrap.
   */
  width?: number;
}

const boxOfNode = (n: FlowNode): Box | undefined => ('box' in n.data ? n.data.box : undefined);
const isTensor = (n: FlowNode | undefined): boolean => !!n && n.type !== 'frame' && n.type !== 'folded';

/** Input slots a node shows: its op's inputs, or one (`in`) for a folded block. */
function slotCount(n: FlowNode): number {
  if ('model' in n.data) return n.data.model.inputs.length;
  return n.type === 'folded' ? 1 : 0;
}

/** A leaf drawn beside its only consumer (a weight, a constant) instead of in a layer of its own. */
interface Side {
  consumer: string;
  slot: number;
}

/**
 * Leaves with exactly one consumer in the same frame sit in a column just left of it: a
 * constant or a weight stays beside the node that uses it, never a layer (or a row) away.
 */
function sideLeaves(s: Structure): Map<string, Side> {
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  const out = new Map<string, { consumer: string; slot: number; count: number }>();
  for (const e of s.edges) {
    const src = byId.get(e.source);
    if (src?.data.kind !== 'leaf') continue;
    const known = out.get(e.source);
    out.set(e.source, { consumer: e.target, slot: e.data?.slot ?? 0, count: (known?.count ?? 0) + 1 });
  }
  const sides = new Map<string, Side>();
  for (const [id, v] of out) {
    const c = byId.get(v.consumer);
    if (v.count === 1 && isTensor(c) && c?.parentId === byId.get(id)?.parentId) sides.set(id, { consumer: v.consumer, slot: v.slot });
  }
  return sides;
}

/**
 * Whether the canvas's shape can change this structure's layout: only one of at least
 * MIN_BLOCKS_TO_WRAP top-level boxes (side leaves ride in their consumer's) may wrap, and wrapping
 * is all `aspect` and `width` decide. Counted as place() builds elk's top level.
 */
export function shapeMatters(s: Structure): boolean {
  const sides = sideLeaves(s);
  const boxes = new Set<string>();
  let tops = 0;
  for (const n of s.nodes) {
    if (sides.has(n.id)) continue;
    if (!(n.parentId && boxes.has(n.parentId))) tops++;
    boxes.add(n.id);
  }
  return tops >= MIN_BLOCKS_TO_WRAP;
}

/** A consumer with its side leaves: one box for elk, with fixed ports where the consumer's handles are. */
interface Cluster {
  w: number;
  h: number;
  /** The consumer's offset in the cluster. */
  cx: number;
  cy: number;
  leaves: { id: string; x: number; y: number }[];
  /** Slots fed from outside the cluster (elk ports). */
  main: number[];
  handles: Handles;
}

function clusterOf(c: FlowNode, attached: { id: string; slot: number; box: Box }[]): Cluster {
  const box = boxOfNode(c) as Box;
  const n = slotCount(c);
  const handles: Handles = { in: Array.from({ length: n }, (_, i) => inputHandleY(box, i, n)), out: outputHandleY(box) };
  const taken = new Set(attached.map((a) => a.slot));
  const main = Array.from({ length: n }, (_, i) => i).filter((i) => !taken.has(i));
  // One input from outside: the output leaves at its height, so a chain of these runs level.
  if (main.length === 1) handles.out = handles.in[main[0] as number] as number;
  const firstMain = main[0] ?? n;
  const above = attached.filter((a) => a.slot < firstMain).sort((a, b) => a.slot - b.slot);
  const below = attached.filter((a) => a.slot >= firstMain).sort((a, b) => a.slot - b.slot);
  const lw = Math.max(...attached.map((a) => a.box.w));
  const leaves: Cluster['leaves'] = [];
  let y = 0;
  for (const a of above) {
    leaves.push({ id: a.id, x: lw - a.box.w, y });
    y += a.box.h + STACK_GAP;
  }
  const aboveH = y;
  // Inputs from outside enter below the leaves above, so their edges pass under them.
  const cy = main.length ? Math.max(0, aboveH + 6 - (handles.in[firstMain] as number)) : Math.max(0, (aboveH - STACK_GAP - box.h) / 2);
  y = Math.max(aboveH, main.length ? cy + (handles.in[main[main.length - 1] as number] as number) + 16 : 0);
  for (const a of below) {
    leaves.push({ id: a.id, x: lw - a.box.w, y });
    y += a.box.h + STACK_GAP;
  }
  const cx = lw + SIDE_GAP;
  return { w: cx + box.w, h: Math.max(cy + box.h, y - STACK_GAP), cx, cy, leaves, main, handles };
}

function ports(n: FlowNode, cluster: Cluster | undefined): ElkPort[] {
  if (!boxOfNode(n)) return [];
  const inputs = slotCount(n);
  if (cluster) {
    // Fixed where the consumer's handles are inside the cluster.
    return [
      {
        id: `${n.id}::out`,
        width: 0,
        height: 0,
        x: cluster.w,
        y: cluster.cy + cluster.handles.out,
        layoutOptions: { 'elk.port.side': 'EAST' },
      },
      ...cluster.main.map((i) => ({
        id: `${n.id}::in${i}`,
        width: 0,
        height: 0,
        x: 0,
        y: cluster.cy + (cluster.handles.in[i] as number),
        layoutOptions: { 'elk.port.side': 'WEST' },
      })),
    ];
  }
  // Order fixed (slot 0 on top); elk places them so the main path runs straight, and the
  // node's handles are drawn where elk put them.
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
function handlesOf(n: FlowNode, placed: ElkNode | undefined): Handles | undefined {
  const box = boxOfNode(n);
  if (!box) return undefined;
  const inputs = slotCount(n);
  const byPort = new Map((placed?.ports ?? []).map((p) => [p.id, p.y]));
  const y = (id: string, fallback: number) => {
    const v = byPort.get(id);
    return v === undefined ? fallback : Math.max(8, Math.min(box.h - 8, v));
  };
  return {
    out: y(`${n.id}::out`, outputHandleY(box)),
    in: Array.from({ length: inputs }, (_, i) => y(`${n.id}::in${i}`, inputHandleY(box, i, inputs))),
  };
}

const portOf = (e: GradientFlowEdge) => `${e.target}::${e.targetHandle === 'in' || !e.targetHandle ? 'in0' : e.targetHandle}`;

interface Placed {
  nodes: FlowNode[];
  /** Top-level boxes (absolute), each with the ids of the flow nodes it carries. */
  tops: { id: string; x: number; y: number; w: number; h: number }[];
  topOf: Map<string, string>;
}

/** One elk pass over the structure (side leaves folded into their consumer's box). */
async function place(s: Structure): Promise<Placed> {
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  const sides = sideLeaves(s);
  const attachedTo = new Map<string, { id: string; slot: number; box: Box }[]>();
  for (const [id, side] of sides) {
    const list = attachedTo.get(side.consumer) ?? [];
    list.push({ id, slot: side.slot, box: boxOfNode(byId.get(id) as FlowNode) as Box });
    attachedTo.set(side.consumer, list);
  }
  const clusters = new Map<string, Cluster>();
  for (const [c, list] of attachedTo) clusters.set(c, clusterOf(byId.get(c) as FlowNode, list));

  const elkNodes = new Map<string, ElkNode>();
  const top: ElkNode[] = [];
  for (const n of s.nodes) {
    if (sides.has(n.id)) continue;
    const box = boxOfNode(n);
    const cl = clusters.get(n.id);
    const en: ElkNode =
      n.type === 'frame'
        ? { id: n.id, children: [], layoutOptions: FRAME_OPTIONS }
        : {
            id: n.id,
            width: cl?.w ?? box?.w ?? 120,
            height: cl?.h ?? box?.h ?? 60,
            ports: ports(n, cl),
            layoutOptions: { 'elk.portConstraints': cl ? 'FIXED_POS' : 'FIXED_ORDER' },
          };
    elkNodes.set(n.id, en);
    const parent = n.parentId ? elkNodes.get(n.parentId) : undefined;
    if (parent) parent.children?.push(en);
    else top.push(en);
  }
  const edges: ElkExtendedEdge[] = [];
  for (const e of s.edges) {
    if (sides.has(e.source)) continue;
    const tn = elkNodes.get(e.target);
    const sn = elkNodes.get(e.source);
    const tp = portOf(e);
    const sp = `${e.source}::out`;
    edges.push({
      id: e.id,
      sources: [sn?.ports?.some((p) => p.id === sp) ? sp : e.source],
      targets: [tn?.ports?.some((p) => p.id === tp) ? tp : e.target],
    });
  }
  const flat = top.length === elkNodes.size;
  const out: ElkNode =
    flat && top.length > FAST_LAYOUT_ABOVE
      ? timed('layered', () => placeLayered(top, edges, byId))
      : await timed('elk', async () => (await loadElk()).layout({ id: 'root', layoutOptions: ROOT_OPTIONS, children: top, edges }));

  const placed = new Map<string, ElkNode>();
  const walk = (list: ElkNode[] | undefined) => {
    for (const c of list ?? []) {
      placed.set(c.id, c);
      walk(c.children);
    }
  };
  walk(out.children);
  const sidePos = new Map<string, { x: number; y: number }>();
  for (const [c, cl] of clusters) {
    const p = placed.get(c);
    for (const l of cl.leaves) sidePos.set(l.id, { x: (p?.x ?? 0) + l.x, y: (p?.y ?? 0) + l.y });
  }
  const nodes = s.nodes.map((n) => {
    const p = placed.get(n.id);
    const cl = clusters.get(n.id);
    if (n.type === 'frame')
      return {
        ...n,
        position: { x: p?.x ?? 0, y: p?.y ?? 0 },
        width: p?.width ?? 200,
        height: p?.height ?? 120,
        style: { width: p?.width, height: p?.height },
      };
    const side = sidePos.get(n.id);
    const pos = side ?? { x: (p?.x ?? 0) + (cl?.cx ?? 0), y: (p?.y ?? 0) + (cl?.cy ?? 0) };
    return { ...n, position: pos, data: { ...n.data, handles: cl ? cl.handles : handlesOf(n, p) } };
  }) as FlowNode[];

  const topOf = new Map<string, string>();
  const topId = (n: FlowNode): string => {
    const side = sides.get(n.id);
    if (side) return topId(byId.get(side.consumer) as FlowNode);
    return n.parentId ? topId(byId.get(n.parentId) as FlowNode) : n.id;
  };
  for (const n of s.nodes) topOf.set(n.id, topId(n));
  const tops = (out.children ?? []).map((c) => ({ id: c.id, x: c.x ?? 0, y: c.y ?? 0, w: c.width ?? 0, h: c.height ?? 0 }));
  return { nodes, tops, topOf };
}

/** Where a port sits on its node (px from the top): fixed by a cluster, else the box's default handle. */
function portYs(en: ElkNode, n: FlowNode | undefined): Map<string, number> {
  const out = new Map<string, number>();
  const box = n ? boxOfNode(n) : undefined;
  const inputs = n ? slotCount(n) : 0;
  for (const p of en.ports ?? []) {
    if (p.y !== undefined) out.set(p.id, p.y);
  }
  if (box && n) {
    const outId = `${n.id}::out`;
    if (!out.has(outId)) out.set(outId, outputHandleY(box));
    for (let i = 0; i < inputs; i++) if (!out.has(`${n.id}::in${i}`)) out.set(`${n.id}::in${i}`, inputHandleY(box, i, inputs));
  }
  return out;
}

/** The flat structure placed by `layered`, returned as elk would (boxes and port positions). */
function placeLayered(top: ElkNode[], edges: ElkExtendedEdge[], byId: Map<string, FlowNode>): ElkNode {
  const nodeOf = new Map<string, string>();
  const yOf = new Map<string, number>();
  for (const en of top) {
    nodeOf.set(en.id, en.id);
    for (const [port, y] of portYs(en, byId.get(en.id))) {
      nodeOf.set(port, en.id);
      yOf.set(port, y);
    }
  }
  const heightOf = new Map(top.map((en) => [en.id, en.height ?? 0]));
  const endY = (end: string) => yOf.get(end) ?? (heightOf.get(nodeOf.get(end) ?? '') ?? 0) / 2;
  const at = layered(
    top.map((en) => ({ id: en.id, w: en.width ?? 0, h: en.height ?? 0 })),
    edges.map((e) => {
      const s = e.sources[0] as string;
      const t = e.targets[0] as string;
      return { source: nodeOf.get(s) ?? s, target: nodeOf.get(t) ?? t, sourceY: endY(s), targetY: endY(t) };
    }),
    { layerGap: 40, nodeGap: 18 },
  );
  return {
    id: 'root',
    children: top.map((en) => ({
      ...en,
      ...(at.get(en.id) ?? { x: 0, y: 0 }),
      ports: en.ports?.map((p) => ({ ...p, y: p.y ?? yOf.get(p.id) })),
    })),
  };
}

/** Cut positions (x) between top-level boxes, i.e. where no block is split. */
function cutCandidates(tops: Placed['tops']): number[] {
  const spans = [...tops].sort((a, b) => a.x - b.x);
  const cuts: number[] = [];
  let right = Number.NEGATIVE_INFINITY;
  for (const t of spans) {
    if (right > Number.NEGATIVE_INFINITY && t.x > right) cuts.push((right + t.x) / 2);
    right = Math.max(right, t.x + t.w);
  }
  return cuts;
}

interface Band {
  from: number;
  to: number;
  minY: number;
  maxY: number;
  width: number;
}

function bandsFor(tops: Placed['tops'], cuts: number[]): Band[] {
  const edges = [Number.NEGATIVE_INFINITY, ...cuts, Number.POSITIVE_INFINITY];
  const bands: Band[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const inBand = tops.filter((t) => t.x + t.w / 2 > (edges[i] as number) && t.x + t.w / 2 < (edges[i + 1] as number));
    if (!inBand.length) continue;
    const from = Math.min(...inBand.map((t) => t.x));
    const to = Math.max(...inBand.map((t) => t.x + t.w));
    bands.push({
      from,
      to,
      width: to - from,
      minY: Math.min(...inBand.map((t) => t.y)),
      maxY: Math.max(...inBand.map((t) => t.y + t.h)),
    });
  }
  return bands;
}

/**
 * Of 1…maxK bands, the cuts whose laid-out size (`size(cuts)` → [w, h]) is closest to the
 * canvas's aspect ratio. Each split into k bands puts its k − 1 cuts at the candidates nearest
 * to even fractions of [start, start + total], in order. Rows and columns both choose this way.
 */
function closestCuts(
  candidates: readonly number[],
  start: number,
  total: number,
  maxK: number,
  aspect: number,
  size: (cuts: number[]) => [number, number],
): number[] {
  let best: number[] = [];
  let bestScore = Number.POSITIVE_INFINITY;
  for (let k = 1; k <= Math.min(maxK, candidates.length + 1); k++) {
    const cuts: number[] = [];
    for (let j = 1; j < k; j++) {
      const target = start + (total * j) / k;
      let pick: number | undefined;
      for (const c of candidates)
        if (
          c > (cuts[cuts.length - 1] ?? Number.NEGATIVE_INFINITY) &&
          (pick === undefined || Math.abs(c - target) < Math.abs(pick - target))
        )
          pick = c;
      if (pick !== undefined) cuts.push(pick);
    }
    const [w, h] = size(cuts);
    const score = Math.abs(Math.log(w / Math.max(1, h) / aspect));
    if (score < bestScore - 1e-9) {
      bestScore = score;
      best = cuts;
    }
  }
  return best;
}

/** The cuts (x) that make the layout's rows closest to the canvas's aspect ratio. */
function chooseCuts(tops: Placed['tops'], aspect: number): number[] {
  const x0 = Math.min(...tops.map((t) => t.x));
  const total = Math.max(...tops.map((t) => t.x + t.w)) - x0;
  return closestCuts(cutCandidates(tops), x0, total, 16, aspect, (cuts) => {
    const bands = bandsFor(tops, cuts);
    return [Math.max(...bands.map((b) => b.width)), bands.reduce((a, b) => a + b.maxY - b.minY, 0) + ROW_GAP * (bands.length - 1)];
  });
}

/** Moves each band of top-level boxes under the previous one; returns the rows (absolute). */
function wrap(p: Placed, cuts: number[]): Row[] {
  const bands = bandsFor(p.tops, cuts);
  const rows: Row[] = [];
  const shift = new Map<string, { dx: number; dy: number }>();
  let y = 0;
  for (const b of bands) {
    rows.push({ top: y, bottom: y + b.maxY - b.minY, right: b.width });
    for (const t of p.tops) {
      const mid = t.x + t.w / 2;
      if (mid >= b.from && mid <= b.to) shift.set(t.id, { dx: -b.from, dy: y - b.minY });
    }
    y += b.maxY - b.minY + ROW_GAP;
  }
  for (const n of p.nodes) {
    if (n.parentId) continue; // relative to its frame: moves with it
    const d = shift.get(p.topOf.get(n.id) ?? n.id);
    if (d) n.position = { x: n.position.x + d.dx, y: n.position.y + d.dy };
  }
  return rows;
}

/** Gap between wrapped columns (room for the lanes that come down to a column's blocks). */
const COLUMN_GAP = 90;

/**
 * Cut positions (y) between the centres of top-level boxes: a box goes to the column its centre
 * falls in (a wide graph's add tree overlaps its branches in y, so gaps free of every box are rare).
 */
function yCutCandidates(tops: Placed['tops']): number[] {
  const centres = [...new Set(tops.map((t) => t.y + t.h / 2))].sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let i = 1; i < centres.length; i++) cuts.push(((centres[i - 1] as number) + (centres[i] as number)) / 2);
  return cuts;
}

interface ColumnBand {
  /** The boxes whose centre lies in this band of y. */
  ids: string[];
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function columnBands(tops: Placed['tops'], cuts: readonly number[]): ColumnBand[] {
  const edges = [Number.NEGATIVE_INFINITY, ...cuts, Number.POSITIVE_INFINITY];
  const bands: ColumnBand[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const inBand = tops.filter((t) => t.y + t.h / 2 > (edges[i] as number) && t.y + t.h / 2 <= (edges[i + 1] as number));
    if (!inBand.length) continue;
    bands.push({
      ids: inBand.map((t) => t.id),
      minX: Math.min(...inBand.map((t) => t.x)),
      maxX: Math.max(...inBand.map((t) => t.x + t.w)),
      minY: Math.min(...inBand.map((t) => t.y)),
      maxY: Math.max(...inBand.map((t) => t.y + t.h)),
    });
  }
  return bands;
}

/** The cuts (y) that make the columns, side by side, closest to the canvas's aspect ratio. */
function chooseColumnCuts(tops: Placed['tops'], aspect: number): number[] {
  const y0 = Math.min(...tops.map((t) => t.y));
  const total = Math.max(...tops.map((t) => t.y + t.h)) - y0;
  return closestCuts(yCutCandidates(tops), y0, total, 24, aspect, (cuts) => {
    const bands = columnBands(tops, cuts);
    return [
      bands.reduce((a, b) => a + b.maxX - b.minX, 0) + COLUMN_GAP * (bands.length - 1),
      Math.max(...bands.map((b) => b.maxY - b.minY)),
    ];
  });
}

/** Moves each band of y beside the previous one, tops aligned; returns the columns (absolute). */
function wrapColumns(p: Placed, cuts: readonly number[]): Column[] {
  const bands = columnBands(p.tops, cuts);
  const shift = new Map<string, { dx: number; dy: number }>();
  const columns: Column[] = [];
  let x = 0;
  for (const b of bands) {
    columns.push({ left: x, right: x + b.maxX - b.minX, top: 0, bottom: b.maxY - b.minY });
    for (const id of b.ids) shift.set(id, { dx: x - b.minX, dy: -b.minY });
    x += b.maxX - b.minX + COLUMN_GAP;
  }
  for (const n of p.nodes) {
    if (n.parentId) continue; // relative to its frame: moves with it
    const d = shift.get(p.topOf.get(n.id) ?? n.id);
    if (d) n.position = { x: n.position.x + d.dx, y: n.position.y + d.dy };
  }
  return columns;
}

/**
 * Left-to-right layered layout (one elkjs pass). Positions of children are relative to their
 * frame, as React Flow expects. A layout far wider than the canvas wraps into rows cut between
 * blocks (never through one); edges between rows run along the gutters and margins
 * (`data.route`), never diagonally across a row. A layout far taller than the canvas (a wide
 * graph: one layer of many blocks) wraps into columns side by side, cut between blocks; edges
 * between columns run along the top margin. Runs once per structure, never per step.
 */
export async function layoutStructure(s: Structure, o: LayoutOptions = {}): Promise<Structure> {
  const p = await place(s);
  const minX = Math.min(0, ...p.tops.map((t) => t.x));
  const minY = Math.min(0, ...p.tops.map((t) => t.y));
  const width = Math.max(0, ...p.tops.map((t) => t.x + t.w)) - minX;
  const height = Math.max(0, ...p.tops.map((t) => t.y + t.h)) - minY;
  const readable = (o.width ?? 1125) * 2.1;
  // A handful of blocks reads as one row (the camera zooms in on the step); long chains wrap.
  const wraps =
    o.aspect !== undefined && p.tops.length >= MIN_BLOCKS_TO_WRAP && width > readable && width / Math.max(1, height) > o.aspect * 1.25;
  // A layout far taller than the canvas (one layer of many blocks: a wide graph) wraps into columns.
  const readableH = ((o.width ?? 1125) / (o.aspect ?? 1)) * 2.1;
  const tall =
    !wraps &&
    o.aspect !== undefined &&
    p.tops.length >= MIN_BLOCKS_TO_WRAP &&
    height > readableH &&
    width / Math.max(1, height) < o.aspect / 1.25;
  const columns = tall ? wrapColumns(p, chooseColumnCuts(p.tops, o.aspect as number)) : undefined;
  if (columns && columns.length > 1) {
    const right = Math.max(...columns.map((c) => c.right));
    const bottom = Math.max(...columns.map((c) => c.bottom));
    return routeRows({ nodes: withFlowHandles(p.nodes), edges: s.edges, rows: [{ top: 0, bottom, right }], columns });
  }
  const rows = wraps ? wrap(p, chooseCuts(p.tops, o.aspect as number)) : [{ top: minY, bottom: minY + height, right: minX + width }];
  return routeRows({ nodes: withFlowHandles(p.nodes), edges: s.edges, rows });
}

export { absolutePositions } from './positions';
