import { memo, type PointerEvent, useEffect, useRef } from 'react';
import { fmt } from '../../../core/format';
import type { Snapshot } from '../../../core/tensor';
import { showShape } from '../../../core/tensor';
import { heatColour } from '../../trace/encoding';
import { gridOf } from '../../trace/grid';

/** `rgb(r, g, b)` or `#rrggbb` → bytes. */
function rgb(colour: string): [number, number, number] {
  if (colour.startsWith('#')) {
    const n = Number.parseInt(colour.slice(1, 7), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  // regex: the numbers of a colour string rgb(r, g, b)
  const m = colour.match(/\d+/g) ?? ['0', '0', '0'];
  return [Number(m[0]), Number(m[1]), Number(m[2])];
}

const maxAbsOf = (d: Float32Array) => {
  let m = 0;
  for (const x of d) {
    const a = Math.abs(x);
    if (Number.isFinite(a) && a > m) m = a;
  }
  return m;
};

export interface HeatCanvasProps {
  snap: Snapshot;
  cellW: number;
  cellH: number;
  label: string;
  /** Colour scale's |max|: the tensor's own largest entry unless given (one scale for a whole trace). */
  maxAbs?: number;
}

/**
 * A tensor inside a graph node: one <canvas> element whatever its size (an SVG grid costs two
 * DOM elements per cell, and a graph has hundreds of nodes). Colours as the Heatmap's
 * (blue − / white 0 / red +); hovering a cell shows its index and value as the tooltip. The
 * inspector shows the same tensor cell by cell.
 */
export const HeatCanvas = memo(function HeatCanvas({ snap, cellW, cellH, label, maxAbs: scale }: HeatCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { rows, cols } = gridOf(snap.shape);
  const maxAbs = scale !== undefined && scale > 0 ? scale : maxAbsOf(snap.data);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(cols, rows);
    for (let k = 0; k < snap.data.length && k < rows * cols; k++)
      img.data.set([...rgb(heatColour(snap.data[k] as number, maxAbs)), 255], 4 * k);
    ctx.putImageData(img, 0, 0);
  }, [snap, rows, cols, maxAbs]);
  const whole = `${label} ${showShape(snap.shape)}, |max| = ${fmt(maxAbs)}`;
  const onMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const c = Math.min(cols - 1, Math.max(0, Math.floor(((e.clientX - r.left) / r.width) * cols)));
    const row = Math.min(rows - 1, Math.max(0, Math.floor(((e.clientY - r.top) / r.height) * rows)));
    const k = row * cols + c;
    const where = snap.shape.length <= 1 ? `[${k}]` : `[${row}, ${c}]`;
    e.currentTarget.title = `${where} = ${fmt(snap.data[k] as number, 6)}`;
  };
  return (
    <canvas
      ref={ref}
      className="gf-heatmap gf-heatmap--canvas"
      width={cols}
      height={rows}
      style={{ width: cols * cellW, height: rows * cellH, imageRendering: 'pixelated' }}
      role="img"
      aria-label={`${label} ${showShape(snap.shape)}`}
      title={whole}
      data-scale={maxAbs}
      onPointerMove={onMove}
      onPointerLeave={(e) => {
        e.currentTarget.title = whole;
      }}
    />
  );
});
