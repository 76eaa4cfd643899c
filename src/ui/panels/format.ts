import { format } from 'd3';
import { fmt } from '../../core/format';

const grouped = format(',');

/** A number for a panel: the project's one formatter (4 significant digits, scientific when tiny or huge). */
export const formatNumber = (x: number): string => fmt(x);

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** 10^k written as `10⁻⁹`: log-axis tick labels. */
export function formatPow10(k: number): string {
  if (k === 0) return '1';
  if (k === 1) return '10';
  return `10${[...String(k)].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}

/** A table cell: whole numbers in full with thousands separators (counts, bytes), others as formatNumber. */
export const formatCell = (x: number): string => (Number.isInteger(x) && Math.abs(x) < 1e15 ? grouped(x) : formatNumber(x));
