import { memo, useEffect, useRef } from 'react';
import { fmt } from '../../core/format';
import { MAX_SVG_CELLS } from '../../core/limits';
import type { Snapshot } from '../../core/tensor';
import { showShape } from '../../core/tensor';
import { heatColour } from '../trace/encoding';
import { gridOf } from '../trace/grid';

/** Above this many entries a canvas replaces the SVG cells (no per-cell hover then). */

export interface HeatmapProps {
  snap: Snapshot;
  cellW: number;
  cellH: number;
  /** Accessible name, e.g. `value of W1`. */
  label: string;
}

const maxAbsOf = (d: Float32Array) => {
  let m = 0;
  for (let i = 0; i < d.length; i++) {
    const a = Math.abs(d[i] as number);
    if (Number.isFinite(a) && a > m) m = a;
  }
  return m;
};

/** A tensor as a grid of cells, blue − / white 0 / red +, each cell's number on hover. */
export const Heatmap = memo(function Heatmap({ snap, cellW, cellH, label }: HeatmapProps) {
  const { rows, cols } = gridOf(snap.shape);
  const w = cols * cellW;
  const h = rows * cellH;
  const maxAbs = maxAbsOf(snap.data);
  if (snap.data.length > MAX_SVG_CELLS)
    return <CanvasHeatmap snap={snap} w={w} h={h} rows={rows} cols={cols} maxAbs={maxAbs} label={label} />;
  const cells = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = r * cols + c;
      const v = snap.data[k] as number;
      const where = snap.shape.length <= 1 ? `[${k}]` : `[${r}, ${c}]`;
      cells.push(
        <rect key={k} x={c * cellW} y={r * cellH} width={cellW} height={cellH} fill={heatColour(v, maxAbs)}>
          <title>{`${where} = ${fmt(v, 6)}`}</title>
        </rect>,
      );
    }
  }
  return (
    <svg className="gf-heatmap" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${label} ${showShape(snap.shape)}`}>
      {cells}
      <rect x={0.25} y={0.25} width={w - 0.5} height={h - 0.5} fill="none" stroke="#8894a2" strokeWidth={0.5} />
    </svg>
  );
});

function CanvasHeatmap(p: { snap: Snapshot; w: number; h: number; rows: number; cols: number; maxAbs: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(p.cols, p.rows);
    for (let k = 0; k < p.snap.data.length; k++) {
      // regex: reads the channels of a colour string this module made
      const m = heatColour(p.snap.data[k] as number, p.maxAbs).match(/\d+/g) ?? ['0', '0', '0'];
      img.data.set([Number(m[0]), Number(m[1]), Number(m[2]), 255], 4 * k);
    }
    ctx.putImageData(img, 0, 0);
  }, [p.snap, p.rows, p.cols, p.maxAbs]);
  return (
    <canvas
      ref={ref}
      className="gf-heatmap"
      width={p.cols}
      height={p.rows}
      style={{ width: p.w, height: p.h, imageRendering: 'pixelated' }}
      role="img"
      aria-label={`${p.label} ${showShape(p.snap.shape)}`}
      title={`${p.label} ${showShape(p.snap.shape)}, |max| = ${fmt(p.maxAbs)}`}
    />
  );
}
