import { interpolateBlues, interpolateRdBu, lab, scaleDiverging, scaleSequential } from 'd3';
import { useLayoutEffect, useRef, useState } from 'react';
import { DEFAULT_FONT, textWidth } from './chartFrame';
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
  /** Shorter row and column labels (`q1`, `k1`) for a panel too narrow for the full ones. */
  compactRowLabels?: readonly string[];
  compactColLabels?: readonly string[];
  /** Hide the numbers above this many cells (values stay in each cell's <title>). */
  maxNumbered?: number;
}

const GAP = 2;

/** `v` in at most `digits` significant digits (a cell too narrow for the full number). */
const shortNumber = (v: number, digits: number): string =>
  digits >= 4 || !Number.isFinite(v) ? formatNumber(v) : formatNumber(Number(v.toPrecision(digits)));

/**
 * The grid's font (px) and the width its panel has for it, measured: the grid is drawn one unit a
 * pixel, its cells sized from the text, so its numbers are the stylesheet's size on screen.
 */
function useRoom() {
  const ref = useRef<SVGSVGElement>(null);
  const [room, setRoom] = useState({ font: DEFAULT_FONT, width: Number.POSITIVE_INFINITY });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const panel = el.closest('.gf-panel') as HTMLElement | null;
    const cs = panel ? getComputedStyle(panel) : null;
    const inner = panel && cs ? panel.clientWidth - Number.parseFloat(cs.paddingLeft) - Number.parseFloat(cs.paddingRight) : 0;
    const f = Number.parseFloat(getComputedStyle(el).fontSize);
    const next = { font: Number.isFinite(f) && f > 0 ? f : DEFAULT_FONT, width: inner > 0 ? inner : Number.POSITIVE_INFINITY };
    setRoom((r) => (r.font === next.font && r.width === next.width ? r : next));
  });
  return { ref, ...room };
}

/** Ink that stays readable on the cell colour. */
const inkOn = (fill: string) => ((lab(fill).l ?? 100) < 58 ? '#ffffff' : '#1b1f24');

/** A matrix as coloured cells with numbers, row by row (Jacobians, attention weights). */
export function MatrixGrid(props: MatrixGridProps) {
  const { matrix, filledRows, scheme, label, maxNumbered = 144 } = props;
  const rows = matrix.length;
  const cols = Math.max(0, ...matrix.map((r) => r.length));
  const filled = Math.min(filledRows ?? rows, rows);
  const values = matrix.flat().filter(Number.isFinite);
  const maxAbs = Math.max(1e-12, ...values.map(Math.abs));
  const colour =
    scheme === 'diverging'
      ? scaleDiverging(interpolateRdBu).domain([maxAbs, 0, -maxAbs])
      : scaleSequential(interpolateBlues).domain([0, Math.max(1e-12, ...values)]);
  const { ref, font, width: room } = useRoom();
  const CELL_H = Math.ceil(font * 2.4);
  const leftFor = (rl?: readonly string[]) => (rl ? Math.ceil(Math.max(0, ...rl.map((l) => textWidth(l, font))) + 10) : 0);
  // The widest number (or column label) a cell holds.
  const cellFor = (digits: number, cl?: readonly string[]) =>
    Math.ceil(
      Math.max(
        font * 2.6,
        ...(cl ?? []).map((c) => textWidth(c, font) + 6),
        ...matrix.flat().map((v) => textWidth(shortNumber(v, digits), font) + 10),
      ),
    );
  // Full labels and numbers, else fewer digits, else the compact labels: the first that fits the panel.
  const tries = [4, 3, 2].flatMap((d) => [
    { d, rl: props.rowLabels, cl: props.colLabels },
    { d, rl: props.compactRowLabels ?? props.rowLabels, cl: props.compactColLabels ?? props.colLabels },
  ]);
  const fits = (t: (typeof tries)[number]) => leftFor(t.rl) + cols * (cellFor(t.d, t.cl) + GAP) <= room;
  const chosen = tries.find(fits) ?? (tries[tries.length - 1] as (typeof tries)[number]);
  const { d: digits, rl: rowLabels, cl: colLabels } = chosen;
  const left = leftFor(rowLabels);
  const top = colLabels ? Math.ceil(font * 1.6) : 0;
  const CELL_W = cellFor(digits, colLabels);
  const numbered = rows * cols <= maxNumbered;
  const width = left + cols * (CELL_W + GAP);
  const height = top + rows * (CELL_H + GAP);

  return (
    <svg
      className="gf-matrix"
      viewBox={`0 0 ${width} ${height}`}
      ref={ref}
      style={{ width: `${width}px`, maxWidth: '100%' }}
      role="img"
      aria-label={label}
    >
      {colLabels?.map((c, j) => (
        <text key={c} x={left + j * (CELL_W + GAP) + CELL_W / 2} y={Math.round(font * 1.1)} textAnchor="middle" fill="var(--gf-muted)">
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
              <text x={left - 8} y={y0 + CELL_H / 2 + font * 0.35} textAnchor="end" fill="var(--gf-muted)">
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
                      y={y0 + CELL_H / 2 + font * 0.35}
                      textAnchor="middle"
                      style={{ fill: inkOn(fill), fontVariantNumeric: 'tabular-nums' }}
                    >
                      {shortNumber(v, digits)}
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
