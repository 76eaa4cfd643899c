import { fmt } from '../../core/format';
import type { Snapshot } from '../../core/tensor';
import { type GradEncoder, heatColour } from '../trace/encoding';
import { gridOf } from '../trace/grid';
import type { EdgeView, NodeView } from '../trace/timeline';
import { type Box, HEADER_H } from './box';
import { edgeLook, labelPoint, sci } from './edgeLook';
import { edgePath } from './edgePath';
import { type FlowNode, type GradientFlowEdge, mergeEdgeViews, type Structure } from './flow';
import { borderOf, HANDLE_HALF, handleY } from './handles';
import { absolutePositions } from './positions';

/** Escapes text for SVG/XML content and attributes. Graph text is data, never markup. */
export const escapeXml = (s: string): string =>
  // regex: XML escaping of any text
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export interface ExportView {
  nodeAt(id: string): NodeView | null;
  edgeAt(id: string): EdgeView | null;
  encoder: GradEncoder;
  title: string;
  /** e.g. `step 7 / 13 — backward at z1`. */
  caption: string;
}

const IDLE_VIEW: EdgeView = { phase: 'idle', valueNorm: null, grad: null, gradNorm: null, gradSign: null };

type Placed = Map<string, { x: number; y: number; w: number; h: number }>;

/** Where an edge starts and ends on the canvas (flow coordinates), or null when an end is not laid out. */
export function edgeEnds(
  e: GradientFlowEdge,
  byId: ReadonlyMap<string, FlowNode>,
  pos: Placed,
): { sx: number; sy: number; tx: number; ty: number } | null {
  const sp = pos.get(e.source);
  const tp = pos.get(e.target);
  const sn = byId.get(e.source);
  const tn = byId.get(e.target);
  if (!sp || !tp || !sn || !tn) return null;
  const slot = e.targetHandle === 'in' ? 0 : (e.data?.slot ?? 0);
  return {
    sx: sp.x + sp.w - borderOf(sn) + HANDLE_HALF,
    sy: sp.y + borderOf(sn) + handleY(sn, 'out', 0),
    tx: tp.x + borderOf(tn) - HANDLE_HALF,
    ty: tp.y + borderOf(tn) + handleY(tn, 'in', slot),
  };
}

export const FONT = 'font-family="Inter, system-ui, sans-serif"';

function tensorSvg(s: Snapshot, box: Box, x: number, y: number): string {
  if (s.shape.length === 0)
    return `<text x="${x}" y="${y + 13}" font-size="13" ${FONT} fill="#1d2733">${escapeXml(fmt(s.data[0] as number))}</text>`;
  const { rows, cols } = gridOf(s.shape);
  let m = 0;
  for (const v of s.data) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = s.data[r * cols + c] as number;
      out.push(
        `<rect x="${(x + c * box.cellW).toFixed(2)}" y="${(y + r * box.cellH).toFixed(2)}" width="${box.cellW.toFixed(2)}" height="${box.cellH.toFixed(2)}" fill="${heatColour(v, m)}"/>`,
      );
    }
  }
  return out.join('');
}

/** The graph drawn in flow coordinates moved by `pad` (no header), and the size it needs. */
export interface GraphDrawing {
  w: number;
  h: number;
  /** SVG elements, no root. */
  body: string;
}

/**
 * The laid-out graph at one cursor as SVG elements, built from the layout and the view (no DOM
 * scraping): nodes, frames and edges along the same paths as the canvas (routes included).
 * Every piece of graph text goes through escapeXml.
 */
export function drawGraph(s: Structure, v: Omit<ExportView, 'title' | 'caption'>, pad = 24): GraphDrawing {
  const pos = absolutePositions(s.nodes);
  let minX = 0;
  let minY = 0;
  let maxX = 0;
  let maxY = 0;
  for (const p of pos.values()) {
    maxX = Math.max(maxX, p.x + p.w);
    maxY = Math.max(maxY, p.y + p.h);
  }
  // Routes between rows run through the left margin, outside every node.
  for (const e of s.edges)
    for (const [x, y] of e.data?.route ?? []) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  const parts: string[] = [`<g transform="translate(${pad - minX},${pad - minY})">`];
  for (const n of s.nodes) {
    if (n.type !== 'frame') continue;
    const p = pos.get(n.id);
    if (!p) continue;
    parts.push(
      `<rect x="${p.x}" y="${p.y}" width="${p.w}" height="${p.h}" rx="10" fill="#f4f1fb" stroke="#b9aee0" stroke-dasharray="5 4"/>`,
      `<text x="${p.x + 12}" y="${p.y + 20}" font-size="12" font-weight="600" ${FONT} fill="#4b3d8f">${escapeXml(n.data.group.label)}</text>`,
    );
  }
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  for (const e of s.edges) {
    const ends = edgeEnds(e, byId, pos);
    if (!ends) continue;
    const { sx, sy, tx, ty } = ends;
    const route = e.data?.route;
    const d = edgePath(sx, sy, tx, ty, route);
    const [lx, ly] = labelPoint(sx, sy, tx, ty, route);
    const members = e.data?.members;
    // A merged edge is drawn as the canvas draws it: its members' views combined.
    const ev = members ? mergeEdgeViews(members.map((m) => v.edgeAt(m.id) ?? IDLE_VIEW)) : v.edgeAt(e.id);
    const st = edgeLook(ev ?? IDLE_VIEW, v.encoder);
    const dash = st.dash ? ` stroke-dasharray="${st.dash}"` : '';
    parts.push(
      `<path data-edge-id="${escapeXml(e.id)}" d="${d}" fill="none" stroke="${st.colour}" stroke-width="${st.width.toFixed(2)}" stroke-opacity="${st.opacity.toFixed(2)}"${dash}/>`,
    );
    // Below the colour floor the norm is written on the line, as on the canvas.
    if (st.kind === 'floor')
      parts.push(
        `<text x="${lx}" y="${ly - 4}" font-size="11" text-anchor="middle" ${FONT} fill="#7a4523">${sci(ev?.gradNorm ?? 0)}</text>`,
      );
  }
  for (const n of s.nodes) {
    if (n.type === 'frame') continue;
    const p = pos.get(n.id);
    if (!p) continue;
    if (n.type === 'folded') {
      parts.push(
        `<rect x="${p.x}" y="${p.y}" width="${p.w}" height="${p.h}" rx="8" fill="#f4f1fb" stroke="#7a6cc4"/>`,
        `<text x="${p.x + 10}" y="${p.y + 22}" font-size="13" font-weight="600" ${FONT} fill="#1d2733">${escapeXml(n.data.group.label)}</text>`,
        `<text x="${p.x + 10}" y="${p.y + 40}" font-size="11" ${FONT} fill="#4a5766">${n.data.members.length} nodes (folded)</text>`,
      );
      continue;
    }
    const { model, box, kind, identity } = n.data;
    const view = v.nodeAt(n.id);
    const frozen = model.role === 'frozen';
    const stroke = kind === 'objective' ? '#1d2733' : view?.fault ? '#c0392b' : '#9aa6b4';
    parts.push(
      `<rect x="${p.x}" y="${p.y}" width="${p.w}" height="${p.h}" rx="8" fill="${frozen ? '#eef0f2' : '#ffffff'}" stroke="${stroke}" stroke-width="${kind === 'objective' ? 2 : 1}"/>`,
      `<text x="${p.x + 8}" y="${p.y + 16}" font-size="13" font-weight="600" ${FONT} fill="#1d2733">${escapeXml(model.label)}</text>`,
      `<text x="${p.x + 8}" y="${p.y + 31}" font-size="10.5" ${FONT} fill="#5b6877">${escapeXml(`${identity.badge} · ${identity.subtitle}`)}</text>`,
    );
    const bodyY = p.y + HEADER_H + 14;
    const half = p.x + p.w / 2;
    parts.push(
      `<text x="${p.x + 8}" y="${bodyY - 3}" font-size="9" ${FONT} fill="#7b8794">value</text>`,
      `<text x="${half + 4}" y="${bodyY - 3}" font-size="9" ${FONT} fill="#7b8794">∇</text>`,
    );
    if (view?.value) parts.push(tensorSvg(view.value, box, p.x + 8, bodyY));
    else if (view?.valueState === 'freed')
      parts.push(`<text x="${p.x + 8}" y="${bodyY + 12}" font-size="11" ${FONT} fill="#8a8a8a">freed</text>`);
    if (view?.grad) parts.push(tensorSvg(view.grad, box, half + 4, bodyY));
  }
  parts.push('</g>');
  return { w: Math.ceil(maxX - minX + 2 * pad), h: Math.ceil(maxY - minY + 2 * pad), body: parts.join('\n') };
}

/** The canvas at the cursor as a standalone SVG with a title and caption, for slides. */
export function buildSvg(s: Structure, v: ExportView): string {
  const top = 44;
  const g = drawGraph(s, v);
  const W = g.w;
  const H = g.h + top - 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="24" y="22" font-size="16" font-weight="600" ${FONT} fill="#1d2733">${escapeXml(v.title)}</text>`,
    `<text x="24" y="38" font-size="12" ${FONT} fill="#4a5766">${escapeXml(v.caption)}</text>`,
    `<g transform="translate(0,${top - 24})">`,
    g.body,
    '</g></svg>',
  ].join('\n');
}
