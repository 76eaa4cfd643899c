import { getBezierPath, Position } from '@xyflow/react';
import { fmt } from '../../core/format';
import type { Snapshot } from '../../core/tensor';
import { type GradEncoder, heatColour } from '../trace/encoding';
import { gridOf } from '../trace/grid';
import type { EdgeView, NodeView } from '../trace/timeline';
import { type Box, HEADER_H, inputHandleY, outputHandleY } from './box';
import { edgeLook, sci } from './edgeLook';
import type { Structure } from './flow';
import { absolutePositions } from './layout';

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

const FONT = 'font-family="Inter, system-ui, sans-serif"';

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

/**
 * The canvas as a standalone SVG, built from the layout and the view at the cursor (no DOM
 * scraping), for slides. Every piece of graph text goes through escapeXml.
 */
export function buildSvg(s: Structure, v: ExportView): string {
  const pos = absolutePositions(s.nodes);
  let maxX = 0;
  let maxY = 0;
  for (const p of pos.values()) {
    maxX = Math.max(maxX, p.x + p.w);
    maxY = Math.max(maxY, p.y + p.h);
  }
  const pad = 24;
  const top = 44;
  const W = Math.ceil(maxX + 2 * pad);
  const H = Math.ceil(maxY + pad + top);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${pad}" y="22" font-size="16" font-weight="600" ${FONT} fill="#1d2733">${escapeXml(v.title)}</text>`,
    `<text x="${pad}" y="38" font-size="12" ${FONT} fill="#4a5766">${escapeXml(v.caption)}</text>`,
    `<g transform="translate(${pad},${top})">`,
  );
  for (const n of s.nodes) {
    if (n.type !== 'frame') continue;
    const p = pos.get(n.id);
    if (!p) continue;
    parts.push(
      `<rect x="${p.x}" y="${p.y}" width="${p.w}" height="${p.h}" rx="10" fill="#f4f1fb" stroke="#b9aee0" stroke-dasharray="5 4"/>`,
      `<text x="${p.x + 12}" y="${p.y + 20}" font-size="12" font-weight="600" ${FONT} fill="#4b3d8f">${escapeXml(n.data.group.label)}</text>`,
    );
  }
  for (const e of s.edges) {
    const sp = pos.get(e.source);
    const tp = pos.get(e.target);
    const sn = s.nodes.find((n) => n.id === e.source);
    const tn = s.nodes.find((n) => n.id === e.target);
    if (!sp || !tp || !sn || !tn) continue;
    const sBox = 'box' in sn.data ? sn.data.box : undefined;
    const tBox = 'box' in tn.data ? tn.data.box : undefined;
    const slots = 'model' in tn.data ? tn.data.model.inputs.length : 1;
    const slot = e.targetHandle === 'in' ? 0 : (e.data?.slot ?? 0);
    const [d, lx, ly] = getBezierPath({
      sourceX: sp.x + sp.w,
      sourceY: sp.y + (sBox ? outputHandleY(sBox) : sp.h / 2),
      sourcePosition: Position.Right,
      targetX: tp.x,
      targetY: tp.y + (tBox ? (e.targetHandle === 'in' ? outputHandleY(tBox) : inputHandleY(tBox, slot, slots)) : tp.h / 2),
      targetPosition: Position.Left,
    });
    const ev = v.edgeAt(e.id);
    const st = edgeLook(ev ?? IDLE_VIEW, v.encoder);
    const dash = st.dash ? ` stroke-dasharray="${st.dash}"` : '';
    parts.push(
      `<path d="${d}" fill="none" stroke="${st.colour}" stroke-width="${st.width.toFixed(2)}" stroke-opacity="${st.opacity.toFixed(2)}"${dash}/>`,
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
  parts.push('</g></svg>');
  return parts.join('\n');
}
