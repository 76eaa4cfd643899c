import { interpolateLab } from 'd3';

/**
 * The ratio view's diverging colour scale over log₁₀(‖∇‖_B / ‖∇‖_A): blue where B's gradient is
 * smaller, orange where it is larger, grey at 1 (equal). Symmetric, in whole decades, wide
 * enough for the largest ratio on screen (at most MAX_DECADES; beyond that the ends saturate).
 */
export const MAX_DECADES = 12;
const SMALLER = '#2f5fa8';
const EQUAL = '#8b929c';
const LARGER = '#c4540f';
const toSmaller = interpolateLab(EQUAL, SMALLER);
const toLarger = interpolateLab(EQUAL, LARGER);

export interface RatioScale {
  /** The scale spans −decades … +decades. */
  decades: number;
  colour(log10: number): string;
  /** Stroke width: thicker the further from equal. */
  width(log10: number): number;
  /** Legend ticks, whole decades (at most 5). */
  ticks: number[];
}

export function ratioScale(maxDecades: number): RatioScale {
  const decades = Math.max(1, Math.min(MAX_DECADES, Math.ceil(maxDecades - 1e-9)));
  const t = (x: number) => Math.max(-1, Math.min(1, x / decades));
  const step = Math.ceil((2 * decades) / 4);
  const ticks: number[] = [];
  for (let d = 0; d <= decades; d += step) {
    ticks.push(d);
    if (d > 0) ticks.unshift(-d);
  }
  return {
    decades,
    colour: (x) => (t(x) < 0 ? toSmaller(-t(x)) : toLarger(t(x))),
    width: (x) => 2 + 5 * Math.abs(t(x)),
    ticks,
  };
}

/** A ratio in decades for a label: `+2.3`, `−0.05`, `0` (signed, two significant decimals). */
export function fmtDecades(x: number): string {
  const r = Math.round(x * 100) / 100;
  if (r === 0) return '0';
  return `${r > 0 ? '+' : '−'}${Math.abs(r)}`;
}

/** A tick in orders of magnitude: `10⁻³`, `1`, `10²`. */
export function fmtPower(d: number): string {
  if (d === 0) return '1';
  const sup = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const digits = [...String(Math.abs(d))].map((c) => sup[Number(c)]).join('');
  return `10${d < 0 ? '⁻' : ''}${digits}`;
}
