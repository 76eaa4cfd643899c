import type { Problem } from '../../core/errors';
import { type GfProblem, locateProblem, parseGf } from '../../lang';

/**
 * The engine's problems with the graph the text compiled to, placed on the text: a problem that
 * names a node gets that node's line and column (the parser's spec → source map); one that does
 * not is pinned to the start of the text. Parse problems are listed by `parseGf` itself.
 */
export function locateEngineProblems(text: string, problems: readonly Problem[]): GfProblem[] {
  const gf = parseGf(text);
  if (!gf.spec) return [];
  return problems.map((p) => {
    const at = locateProblem(p, gf);
    if ('line' in at) return at as GfProblem;
    return { ...p, line: 1, col: 1, from: 0, to: Math.min(1, text.length) };
  });
}

/** How a located problem reads in the editor: `line:col node "id", field f: message`. */
export function problemText(p: GfProblem): string {
  const where = p.node !== undefined && p.field !== '(syntax)' ? `node "${p.node}", field ${p.field}: ` : '';
  return `${where}${p.message}`;
}
