import { interpolateBlues, interpolateRdBu, lab, scaleDiverging, scaleSequential } from 'd3';
import { formatNumber } from './format';

export interface MatrixGridProps {
  matrix: readonly (readonly number[])[];
  /** Rows 0..filledRows−1 show their numbers; the rest are empty slots still to come. */
  filledRows?: number;
  /** diverging: sign matters (red +, blue −); sequential: non-negative (probabilities). */
  scheme: 'diverging' | 'sequential';
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
  /** Accessible name of the grid. */
  label: string;
  /** Hide the numbers above this many cells (values stay in each cell's <title>). */
  maxNumbered?: number;
}

const CELL_W = 74;
const CELL_H = 34;
const GAP = 2;
/** SVG units per em: the grid's text grows with the page font (presenter mode). */
const UNITS_PER_EM = 14;

/** Ink that stays readable on the cell colour. */
const inkOn = (fill: string) => ((lab(fill).l ?? 100) < 58 ? '#ffffff' : '#1b1f24');

/** A matrix as coloured cells with numbers, row by row (Jacobians, attention weights). */
export function MatrixGrid({ matrix, filledRows, scheme, rowLabels, colLabels, label, maxNumbered = 144 }: MatrixGridProps) {
  const rows = matrix.length;
  const cols = Math.max(0, ...matrix.map((r) => r.length));
  const filled = Math.min(filledRows ?? rows, rows);
  const values = matrix.flat().filter(Number.isFinite);
  const maxAbs = Math.max(1e-12, ...values.map(Math.abs));
  const colour =
    scheme === 'diverging'
      ? scaleDiverging(interpolateRdBu).domain([maxAbs, 0, -maxAbs])
      : scaleSequential(interpolateBlues).domain([0, Math.max(1e-12, ...values)]);
  const numbered = rows * cols <= maxNumbered;
  const left = rowLabels ? 64 : 0;
  const top = colLabels ? 22 : 0;
  const width = left + cols * (CELL_W + GAP);
  const height = top + rows * (CELL_H + GAP);

  return (
    <svg
      className="gf-matrix"
      viewBox={`0 0 ${width} ${height}`}
      style={{ width: `${width / UNITS_PER_EM}em`, maxWidth: '100%' }}
      role="img"
      aria-label={label}
    >
      {colLabels?.map((c, j) => (
        <text key={c} x={left + j * (CELL_W + GAP) + CELL_W / 2} y={15} textAnchor="middle" fontSize={12} fill="var(--gf-muted)">
          {c}
        </text>
      ))}
      {matrix.map((row, i) => {
        const done = i < filled;
        const y0 = top + i * (CELL_H + GAP);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
          <g key={i} data-row={i} data-row-filled={done ? 'true' : 'false'}>
            {rowLabels ? (
              <text x={left - 8} y={y0 + CELL_H / 2 + 4} textAnchor="end" fontSize={12} fill="var(--gf-muted)">
                {rowLabels[i]}
              </text>
            ) : null}
            {row.map((v, j) => {
              const x0 = left + j * (CELL_W + GAP);
              const fill = done ? (Number.isFinite(v) ? colour(v) : '#555') : '#f2f3f5';
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                <g key={j} data-cell={`${i},${j}`}>
                  <rect
                    x={x0}
                    y={y0}
                    width={CELL_W}
                    height={CELL_H}
                    rx={3}
                    fill={fill}
                    stroke={done ? 'none' : '#b9bfc7'}
                    strokeDasharray={done ? undefined : '3 3'}
                  >
                    {done ? <title>{`[${i + 1}, ${j + 1}] = ${formatNumber(v)}`}</title> : null}
                  </rect>
                  {done && numbered ? (
                    <text
                      x={x0 + CELL_W / 2}
                      y={y0 + CELL_H / 2 + 4.5}
                      textAnchor="middle"
                      fontSize={13}
                      style={{ fill: inkOn(fill), fontVariantNumeric: 'tabular-nums' }}
                    >
                      {formatNumber(v)}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
