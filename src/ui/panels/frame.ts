import { format, scaleLog } from 'd3';
import { formatNumber, formatPow10 } from './format';

/** Chart box in SVG user units; the SVG scales to its container (text scales with it). */
export const CHART = { width: 460, height: 270, top: 14, right: 16, bottom: 46, left: 62 } as const;

export const innerWidth = (c: { width: number; left: number; right: number } = CHART) => c.width - c.left - c.right;
export const innerHeight = (c: { height: number; top: number; bottom: number } = CHART) => c.height - c.top - c.bottom;

/** [lo, hi] widened to whole decades (at least one): the domain of a log axis. */
export function decadeDomain(lo: number, hi: number): [number, number] {
  const a = Math.floor(Math.log10(lo) + 1e-9);
  const b = Math.max(a + 1, Math.ceil(Math.log10(hi) - 1e-9));
  return [10 ** a, 10 ** b];
}

/**
 * Log-axis ticks for [lo, hi] (both > 0): every decade, or every `step`-th (multiples of `step`,
 * about `max` ticks; a stride that divides the span is preferred when one is close so both ends get a label).
 * Spans of two decades or less get 1-2-5 ticks instead.
 */
export function decadeTicks(lo: number, hi: number, max = 7): number[] {
  const a = Math.floor(Math.log10(lo) + 1e-9);
  const b = Math.max(a + 1, Math.ceil(Math.log10(hi) - 1e-9));
  const span = b - a;
  if (span <= 2) {
    return scaleLog()
      .domain([10 ** a, 10 ** b])
      .ticks(10)
      .filter((t) => [1, 2, 5].includes(Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9))));
  }
  const min = Math.ceil(span / (max - 1));
  let step = min;
  while (step <= min + 1 && span % step !== 0) step++;
  const exponents: number[] = [];
  if (span % step === 0) for (let k = a; k <= b; k += step) exponents.push(k);
  else for (let k = Math.ceil(a / min) * min; k <= b; k += min) exponents.push(k);
  return exponents.map((k) => 10 ** k);
}

/** `10⁻⁹` for an exact decade, a plain number otherwise. */
export const formatLogTick = (v: number): string => {
  const k = Math.round(Math.log10(v));
  return Math.abs(v - 10 ** k) <= 1e-9 * 10 ** k ? formatPow10(k) : formatNumber(v);
};

export const formatInteger = format('d');

/** Integer tick values from candidate ticks (depth axes must not show 2.5). */
export const integerTicks = (ticks: number[]): number[] => ticks.filter((t) => Number.isInteger(t));
