import type { NestedNumber } from '../core/types';
import type { Expr, KwValue, OptionLit } from './ast';

/** Words the grammar reserves: an id spelled like one is written in backticks. */
export const KEYWORDS: readonly string[] = [
  'graph',
  'note',
  'option',
  'default',
  'checkpoint',
  'group',
  'kind',
  'layer',
  'objective',
  'check',
  'within',
  'input',
  'param',
  'frozen',
  'constant',
  'switch',
  'else',
  'true',
  'false',
  'null',
  'track',
  'stop',
];
const RESERVED = new Set(KEYWORDS);
const PLAIN = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/** An id as the language writes it: `W1`, or `` `ex-1` `` when it is not a plain name. */
export const ident = (id: string): string => (PLAIN.test(id) && !RESERVED.has(id) ? id : `\`${id}\``);

export const quote = (s: string): string => JSON.stringify(s);

export const num = (n: number): string => (Object.is(n, -0) ? '0' : String(n));

/** A literal: `3`, `[1, 2]`, `[[1, 2], [3, 4]]`. */
export const literal = (v: NestedNumber): string => (typeof v === 'number' ? num(v) : `[${v.map(literal).join(', ')}]`);

export const optionLit = (v: OptionLit): string =>
  typeof v === 'number' ? num(v) : typeof v === 'boolean' ? String(v) : PLAIN.test(v) && !RESERVED.has(v) ? v : quote(v);

const PREC: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2, '@': 2, '·': 2, '^': 4 };
const ATOM = 5;
const PREFIX = 3;

const prec = (e: Expr): number => {
  if (e.k === 'bin') return PREC[e.op] as number;
  if (e.k === 'neg') return PREFIX;
  // a negative number prints with its minus sign: it binds like a prefix minus
  if (e.k === 'num' && e.v < 0) return PREFIX;
  return ATOM;
};

const wrap = (e: Expr, min: number): string => (prec(e) < min ? `(${expr(e)})` : expr(e));

const kwValue = (v: KwValue): string => (v.k === 'str' ? quote(v.v) : v.k === 'bool' ? String(v.v) : v.k === 'null' ? 'null' : expr(v));

/** Canonical text of an expression: the labels of intermediate nodes, and the printer's output. */
export function expr(e: Expr): string {
  switch (e.k) {
    case 'num':
      return num(e.v);
    case 'name':
      return ident(e.id);
    case 'array':
      return `[${e.items.map(expr).join(', ')}]`;
    case 'neg':
      return `-${wrap(e.x, PREFIX)}`;
    case 'call':
      return `${ident(e.fn)}(${[...e.args.map(expr), ...e.kwargs.map((k) => `${k.key}=${kwValue(k.value)}`)].join(', ')})`;
    case 'bin': {
      const p = PREC[e.op] as number;
      // ^ is right-associative; the others are left-associative
      const [lp, rp] = e.op === '^' ? [p + 1, p] : [p, p + 1];
      return e.op === '^' ? `${wrap(e.l, lp)}^${wrap(e.r, rp)}` : `${wrap(e.l, lp)} ${e.op} ${wrap(e.r, rp)}`;
    }
  }
}
