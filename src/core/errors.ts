import { MAX_ECHO, MAX_MESSAGE } from './limits';

/** One located problem in a graph: which node (if any), which field, what was expected. */
export interface Problem {
  node?: string;
  field: string;
  message: string;
}

/** C0/C1 controls, line and paragraph separators, bidi marks/embeddings/overrides/isolates, BOM. */
const unsafe = (c: number): boolean =>
  c < 0x20 ||
  (c >= 0x7f && c <= 0x9f) ||
  c === 0x2028 ||
  c === 0x2029 ||
  (c >= 0x202a && c <= 0x202e) ||
  (c >= 0x2066 && c <= 0x2069) ||
  c === 0x200e ||
  c === 0x200f ||
  c === 0xfeff;

/**
 * Text from a graph file made safe to echo on one line: control characters, line separators
 * and bidi controls become visible `\uXXXX` escapes (a newline in a file cannot forge a second
 * message line, an override cannot reorder it), and the result is cut at `max` characters.
 */
export function inert(s: string, max = MAX_MESSAGE): string {
  let escaped = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    escaped += !unsafe(c) ? ch : c === 0x0a ? '\\n' : `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}

/** A user-supplied name as echoed in a message: inert, short, in double quotes. */
export const quote = (s: unknown): string => `"${inert(String(s), MAX_ECHO)}"`;

export function formatProblem(p: Problem): string {
  const where = p.node !== undefined ? `node "${p.node}"` : 'graph';
  return `${where}, field "${p.field}": ${p.message}`;
}

/** Every part of a problem inert and bounded, whoever built it. */
const safe = (p: Problem): Problem => ({
  ...(p.node !== undefined ? { node: inert(p.node, MAX_ECHO) } : {}),
  field: inert(p.field, MAX_ECHO * 2),
  message: inert(p.message),
});

/** Thrown for bad input (graph, values, options). Never for a bug in gradflow itself. */
export class GraphError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const clean = problems.map(safe);
    super(clean.map(formatProblem).join('\n'));
    this.name = 'GraphError';
    this.problems = clean;
  }
}

/** Error raised inside a shape rule; compile() attaches the node id. */
export class ShapeError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'ShapeError';
    this.field = field;
  }
}
