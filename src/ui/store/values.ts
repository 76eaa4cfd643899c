import type { Problem } from '../../core/errors';
import { parseLiteral } from '../../core/tensor';
import type { NestedNumber, Shape } from '../../core/types';

/**
 * Parses what a learner typed into a value editor: a number or a nested JSON array of numbers.
 * Returns the literal, or a problem naming the node and the field (`value`).
 */
export function parseValueText(node: string, text: string): { value: NestedNumber; shape: Shape } | Problem {
  // regex: what the learner typed: the minus sign
  const trimmed = text.trim().replace(/−/g, '-');
  if (trimmed === '') return { node, field: 'value', message: 'empty: type a number or a JSON array such as [[1, 2], [3, 4]]' };
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch {
    return { node, field: 'value', message: `"${clip(text)}" is not a number or a JSON array of numbers` };
  }
  const lit = parseLiteral(raw);
  if (typeof lit === 'string') return { node, field: 'value', message: lit };
  return { value: raw as NestedNumber, shape: lit.shape };
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

export const isProblem = (v: unknown): v is Problem => typeof v === 'object' && v !== null && 'message' in v && 'field' in v;
