import { fmt } from '../../../core/format';
import type { Snapshot } from '../../../core/tensor';
import type { Box } from '../box';
import { HeatCanvas } from './HeatCanvas';

/** A value or a gradient inside a node: a number for a scalar, else a heatmap. */
export function ValueCell({ snap, box, label, maxAbs }: { snap: Snapshot; box: Box; label: string; maxAbs?: number }) {
  if (snap.shape.length === 0) {
    return (
      <span className="gf-num" title={`${label} = ${fmt(snap.data[0] as number, 8)}`}>
        {fmt(snap.data[0] as number)}
      </span>
    );
  }
  return <HeatCanvas snap={snap} cellW={box.cellW} cellH={box.cellH} label={label} maxAbs={maxAbs} />;
}

/** Placeholder with the same footprint as the heatmap, so nodes keep their size. */
export function Slot({ box, children, className }: { box: Box; children?: React.ReactNode; className?: string }) {
  const style = box.cellW ? { width: box.cols * box.cellW, height: box.rows * box.cellH } : undefined;
  return (
    <span className={`gf-slot ${className ?? ''}`} style={style}>
      {children}
    </span>
  );
}
