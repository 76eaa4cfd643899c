import { readFileSync, statSync } from 'node:fs';
import { opProblems } from '../core/compile';
import { formatProblem, GraphError, type Problem } from '../core/errors';
import { FILE_FIELD, sizeProblem } from '../core/load';
import type { GraphSpec } from '../core/types';
import { loadGraphSource, locateProblem } from '../lang/load';
import type { GfParse } from '../lang/parse';

/** The .gf file this CLI run loaded: later engine errors (shapes, values) are located in it too. */
let current: { path: string; gf: GfParse } | undefined;

/** A .gf file's problems: GraphError keeps inert copies of them; the places are kept here. */
export class GfFileError extends GraphError {
  readonly places: ({ line: number; col: number } | undefined)[];
  constructor(problems: (Problem & { line?: number; col?: number })[]) {
    super(problems);
    this.places = problems.map((p) => (p.line !== undefined && p.col !== undefined ? { line: p.line, col: p.col } : undefined));
  }
}

/** Forget the loaded file (main() calls this first: one invocation, one graph). */
export function resetGfSource(): void {
  current = undefined;
}

/**
 * Reads a graph file (.gf or .json) as text, refused unread when it is over the limit; the
 * loader's messages (src/core/load.ts), under `field`.
 */
export function readGraphText(path: string, field = FILE_FIELD): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new GraphError([{ field, message: `cannot read "${path}"` }]);
  }
  const tooBig = sizeProblem(path, size);
  if (tooBig) throw new GraphError([{ ...tooBig, field }]);
  const text = readFileSync(path, 'utf8');
  if (text.trim() === '') throw new GraphError([{ field, message: `${path} is empty` }]);
  return text;
}

/** A .gf (or .json) file → its validated spec; problems carry line and column. */
export function loadSpecFile(path: string): { spec: GraphSpec; gf?: GfParse } {
  const r = loadGraphSource(readGraphText(path), path);
  if (r.gf) current = { path, gf: r.gf };
  if (!r.ok) throw new GfFileError(r.problems);
  // fmt and convert compile nothing: the engine's check of every op the file names, here, for them too.
  const bad = opProblems(r.spec);
  if (bad.length) throw new GfFileError(r.gf ? bad.map((p) => locateProblem(p, r.gf as GfParse)) : bad);
  return r;
}

/** `file.gf:3:14: node "z1", field "inputs": …` when the problem has a place in the loaded .gf file. */
export function formatCliProblem(p: Problem, place?: { line: number; col: number }): string {
  if (!current) return formatProblem(p);
  const at = place ?? (p.node !== undefined ? current.gf.where(p.node, p.field) : undefined);
  if (!at) return `${current.path}: ${formatProblem(p)}`;
  const what = p.field === '(syntax)' ? p.message : formatProblem(p);
  return `${current.path}:${at.line}:${at.col}: ${what}`;
}
