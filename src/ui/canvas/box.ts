import type { Shape } from '../../core/types';
import { gridOf } from '../trace/grid';

/**
 * Node geometry, computed from shapes alone so the layout (elkjs) knows every size before
 * anything renders and nodes never change size while stepping.
 */
export interface Box {
  w: number;
  h: number;
  /** Heatmap cell size (px); 0 for scalars. */
  cellW: number;
  cellH: number;
  rows: number;
  cols: number;
}

export const HEADER_H = 38;
const MIN_W = 112;
const SCALAR_ROW_H = 19;
/** Largest heatmap side (px): bigger tensors get smaller cells. */
const MAX_MAP = 84;

export function boxOf(shape: Shape): Box {
  if (shape.length === 0) return { w: MIN_W, h: HEADER_H + 2 * SCALAR_ROW_H + 6, cellW: 0, cellH: 0, rows: 1, cols: 1 };
  const { rows, cols } = gridOf(shape);
  const cellH = Math.min(14, MAX_MAP / rows);
  const cellW = Math.min(14, MAX_MAP / cols);
  const mapW = cols * cellW;
  const mapH = rows * cellH;
  // value and gradient heatmaps side by side, each under a small caption
  return { w: Math.max(MIN_W, Math.round(2 * mapW + 36)), h: Math.round(HEADER_H + 14 + mapH + 10), cellW, cellH, rows, cols };
}

export const FOLDED_BOX: Box = { w: 176, h: 100, cellW: 0, cellH: 0, rows: 0, cols: 0 };

/** y (px from the node's top) of input handle `slot` of `count`, shared by the node and the layout. */
export function inputHandleY(box: Box, slot: number, count: number): number {
  const top = 14;
  const span = box.h - 2 * top;
  return count <= 1 ? box.h / 2 : top + (span * slot) / (count - 1);
}

export const outputHandleY = (box: Box): number => box.h / 2;
