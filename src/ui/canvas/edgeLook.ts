import { fmtSci } from '../../core/format';
import { type EdgeStyle, FORWARD_STYLE, GRAD_DECADES, type GradEncoder, IDLE_STYLE } from '../trace/encoding';
import type { EdgeView } from '../trace/timeline';
import type { Route } from './edgePath';

/** How an edge is drawn: the encoding's style, plus what the canvas adds to keep small gradients visible. */
export interface EdgeLook extends EdgeStyle {
  /** SVG stroke-dasharray, or undefined for a solid line. */
  dash?: string;
  /** What the edge carries: `idle` (no gradient yet), `forward`, `grad`, `floor` (below the colour scale), `zero`. */
  kind: 'idle' | 'forward' | 'grad' | 'floor' | 'zero';
}

/** Dashed hairline for a gradient below the colour floor: never fainter than an edge with no gradient yet. */
export const FLOOR_COLOUR = '#a0673f';
const ZERO_COLOUR = '#7d8793';

/** ‖∇‖ for a label: always scientific, two significant digits (`3.2e−9`); the project's one formatter. */
export const sci = (n: number): string => fmtSci(n, 2);

export function edgeLook(view: EdgeView, encoder: GradEncoder): EdgeLook {
  if (view.phase === 'forward') return { ...FORWARD_STYLE, kind: 'forward' };
  if (view.phase !== 'backward') return { ...IDLE_STYLE, kind: 'idle' };
  const n = view.gradNorm ?? 0;
  const base = encoder.style(n, view.gradSign);
  if (n === 0) return { ...base, colour: ZERO_COLOUR, width: 1.6, opacity: 1, dash: '1.5 3', kind: 'zero' };
  const t = encoder.level(n);
  if (t === 0 && Number.isFinite(n)) return { ...base, colour: FLOOR_COLOUR, width: 1.6, opacity: 1, dash: '6 3', kind: 'floor' };
  // The scale's bottom still reads stronger than an idle edge (IDLE_STYLE: 1.2 px, opaque).
  return { ...base, width: Math.max(base.width, 1.6 + 6 * t), opacity: Math.max(base.opacity, 0.8 + 0.2 * t), kind: 'grad' };
}

/** The edge's tooltip: what it carries now, with ‖∇‖ in scientific notation. */
export function edgeTitle(from: string, to: string, view: EdgeView, look: EdgeLook, hidden: boolean): string {
  const head = `${from} → ${to}`;
  if (hidden) return `${head}: gradient hidden — predict it first`;
  if (look.kind === 'forward') return `${head}: value sent forward${view.valueNorm !== null ? ` (‖value‖ = ${sci(view.valueNorm)})` : ''}`;
  if (look.kind === 'idle') return `${head}: no gradient yet`;
  const norm = sci(view.gradNorm ?? 0);
  if (look.kind === 'floor') return `${head}: ‖∇‖ = ${norm}, below the colour scale (more than ${GRAD_DECADES} decades under the largest)`;
  if (look.kind === 'zero') return `${head}: ‖∇‖ = 0`;
  return `${head}: ‖∇‖ = ${norm}`;
}

/** Where an edge's label sits: the middle of a bezier (as React Flow puts it), or of a routed edge's middle leg. */
export function labelPoint(sx: number, sy: number, tx: number, ty: number, route?: Route): [number, number] {
  if (!route?.length) return [(sx + tx) / 2, (sy + ty) / 2];
  const pts: Route = [[sx, sy], ...route, [tx, ty]];
  const i = Math.floor((pts.length - 1) / 2);
  const [ax, ay] = pts[i] as readonly [number, number];
  const [bx, by] = pts[i + 1] as readonly [number, number];
  return [(ax + bx) / 2, (ay + by) / 2];
}
