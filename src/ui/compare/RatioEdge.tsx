import type { EdgeProps } from '@xyflow/react';
import { createContext, memo, useContext } from 'react';
import { labelPoint, sci } from '../canvas/edgeLook';
import { edgePath } from '../canvas/edgePath';
import type { GradientFlowEdge } from '../canvas/flow';
import type { RatioCell, RatioTable } from './ratio';
import { fmtDecades, type RatioScale } from './ratioScale';

export interface RatioData {
  table: RatioTable;
  scale: RatioScale;
}

export const RatioContext = createContext<RatioData | null>(null);

const MUTED = '#9aa3ad';

interface Look {
  colour: string;
  width: number;
  dash?: string;
  label: string | null;
  title: string;
}

const norm = (x: number | null) => (x === null ? 'none yet' : sci(x));

function lookOf(cell: RatioCell | undefined, scale: RatioScale): Look {
  if (!cell) return { colour: MUTED, width: 1.2, label: null, title: 'not compared' };
  switch (cell.kind) {
    case 'ratio':
      return {
        colour: scale.colour(cell.log10),
        width: scale.width(cell.log10),
        label: fmtDecades(cell.log10),
        title: `log₁₀(‖∇‖_B / ‖∇‖_A) = ${fmtDecades(cell.log10)} (A ${sci(cell.a)}, B ${sci(cell.b)})`,
      };
    case 'zero':
      return {
        colour: '#5d6570',
        width: 1.6,
        dash: '1.5 3',
        label: cell.a === 0 && cell.b === 0 ? '0 / 0' : 'zero',
        title: `a zero norm: A ${sci(cell.a)}, B ${sci(cell.b)}`,
      };
    case 'pending':
      return { colour: '#c4ccd6', width: 1.2, label: null, title: `no gradient yet (A ${norm(cell.a)}, B ${norm(cell.b)})` };
    case 'only-a':
      return { colour: MUTED, width: 1.6, dash: '8 4', label: 'A only', title: `only in A (‖∇‖_A ${norm(cell.a)}): B has no such edge` };
    case 'only-b':
      return { colour: MUTED, width: 1.6, dash: '8 4', label: 'B only', title: `only in B (‖∇‖_B ${norm(cell.b)})` };
  }
}

/**
 * An edge of the ratio view: coloured on the diverging decade scale by log₁₀(‖∇‖_B / ‖∇‖_A), the
 * value written on it; dashed and labelled when the edge exists on one side only.
 * Test hooks: data-kind, data-log-ratio, data-norm-a, data-norm-b, data-other (B's edge id).
 */
export const RatioEdge = memo(function RatioEdge(p: EdgeProps<GradientFlowEdge>) {
  const data = useContext(RatioContext);
  const row = data?.table.byA.get(p.id);
  const cell = row?.cell;
  const look = data ? lookOf(cell, data.scale) : lookOf(undefined, {} as RatioScale);
  const path = edgePath(p.sourceX, p.sourceY, p.targetX, p.targetY, p.data?.route);
  const [lx, ly] = labelPoint(p.sourceX, p.sourceY, p.targetX, p.targetY, p.data?.route);
  const a = cell && 'a' in cell ? cell.a : null;
  const b = cell && 'b' in cell ? cell.b : null;
  return (
    <g
      className={`gf-ratio-edge gf-ratio-edge--${cell?.kind ?? 'none'}`}
      data-testid="ratio-edge"
      data-edge-id={p.id}
      data-kind={cell?.kind ?? 'none'}
      data-log-ratio={cell?.kind === 'ratio' ? String(cell.log10) : ''}
      data-norm-a={a === null ? '' : String(a)}
      data-norm-b={b === null ? '' : String(b)}
      data-other={row?.other?.id ?? ''}
    >
      <title>{look.title}</title>
      <path d={path} fill="none" stroke="transparent" strokeWidth={12} />
      <path d={path} fill="none" stroke={look.colour} strokeWidth={look.width} strokeDasharray={look.dash} strokeLinecap="round" />
      {look.label !== null && (
        <text x={lx} y={ly - 5} className="gf-ratio-edge__label" textAnchor="middle">
          {look.label}
        </text>
      )}
    </g>
  );
});
