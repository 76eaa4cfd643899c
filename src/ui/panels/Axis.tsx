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
