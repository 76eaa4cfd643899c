import type { Problem } from '../core/errors';
import type { GraphSpec } from '../core/types';
import { type Attached, attachComments } from './comments';
import { compileStatements, fieldKey } from './compile';
import { type RawProblem, readSyntax } from './syntax';

/** A problem in a .gf text: 1-based line and column (and the node, when there is one). */
export interface GfProblem extends Problem {
  line: number;
  col: number;
  /** Character offsets of the offending text (for editor marks). */
  from: number;
  to: number;
}

export interface GfParse {
  /** The graph, when there are no problems. */
  spec: GraphSpec | undefined;
  problems: GfProblem[];
  /**
   * Where each node is written: line and column of its statement or subexpression; with a
   * `field` that has a place of its own (a call's `op` name, its `inputs`), that place.
   */
  where(node: string, field?: string): { line: number; col: number; from: number; to: number } | undefined;
  /** Canonical text of leaf values written as initialisers (`randn(3, 2) * 0.1`), by node id; the printer keeps them. */
  inits: ReadonlyMap<string, string>;
  /** Comments by the printed line they belong to (see comments.ts); `gradflow fmt` keeps them. */
  comments: ReadonlyMap<string, Attached>;
}

/** Offset → 1-based line and column. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}

const located = (text: string, p: RawProblem): GfProblem => ({
  ...(p.node !== undefined ? { node: p.node } : {}),
  field: p.field ?? '(syntax)',
  message: p.message,
  ...lineCol(text, p.from),
  from: p.from,
  to: p.to,
});

/** Parses .gf text into a GraphSpec; every problem has a line and column. Never throws on bad text. */
export function parseGf(text: string): GfParse {
  const syn = readSyntax(text);
  if (syn.problems.length) {
    return {
      spec: undefined,
      problems: syn.problems.map((p) => located(text, p)),
      where: () => undefined,
      inits: new Map(),
      comments: new Map(),
    };
  }
  const c = compileStatements(syn.stmts);
  const where = (node: string, field?: string) => {
    const s = (field !== undefined ? c.fields.get(fieldKey(node, field)) : undefined) ?? c.spans.get(node);
    return s ? { ...lineCol(text, s.from), from: s.from, to: s.to } : undefined;
  };
  const problems = c.problems.sort((a, b) => a.from - b.from).map((p) => located(text, p));
  const comments = attachComments(syn.stmts, syn.comments, text);
  return { spec: problems.length ? undefined : c.spec, problems, where, inits: c.inits, comments };
}
