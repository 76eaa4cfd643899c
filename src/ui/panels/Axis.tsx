import { type AxisDomain, axisBottom, axisLeft, type Axis as D3Axis, select } from 'd3';
import { useLayoutEffect, useRef } from 'react';

export interface AxisProps<D extends AxisDomain> {
  /** A d3 axis generator, e.g. `axisBottom(x).ticks(6)`. */
  axis: D3Axis<D>;
  x?: number;
  y?: number;
}

/** Draws a d3 axis into a <g> React owns (React renders no children there). */
export function Axis<D extends AxisDomain>({ axis, x = 0, y = 0 }: AxisProps<D>) {
  const ref = useRef<SVGGElement>(null);
  useLayoutEffect(() => {
    if (!ref.current) return;
    // d3 sets a 10px font on the group; the stylesheet sizes axis text instead.
    select(ref.current).call(axis).attr('font-size', null).attr('font-family', null);
  }, [axis]);
  return <g ref={ref} className="gf-axis" transform={`translate(${x},${y})`} />;
}

export { axisBottom, axisLeft };

/** Horizontal gridlines at each y, across [left, right]. */
export function Gridlines({ ys, left, right }: { ys: number[]; left: number; right: number }) {
  return (
    <g>
      {ys.map((y) => (
        <line key={y} className="gf-gridline" x1={left} x2={right} y1={y} y2={y} />
      ))}
    </g>
  );
}

export interface AxisTitlesProps {
  x: string;
  y: string;
  /** Horizontal centre of the plot (x title) and vertical centre (y title). */
  xMid: number;
  yMid: number;
  /** Height of the chart: the x title sits on its bottom edge. */
  height: number;
  /** The titles' font size, px (they sit a fraction of it inside the chart's edges). */
  font?: number;
}

/** Axis titles: x centred under the plot, y rotated along the left edge. */
export function AxisTitles({ x, y, xMid, yMid, height, font = 13 }: AxisTitlesProps) {
  // Baselines: the x title's descenders stay inside the bottom edge, the rotated y title's ascenders inside the left one.
  return (
    <>
      <text className="gf-axis-label" x={xMid} y={height - Math.round(font * 0.35)} textAnchor="middle">
        {x}
      </text>
      <text className="gf-axis-label" transform={`translate(${Math.round(font * 0.98)},${yMid}) rotate(-90)`} textAnchor="middle">
        {y}
      </text>
    </>
  );
}
