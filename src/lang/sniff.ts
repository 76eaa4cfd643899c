import type { Problem } from '../core/errors';
import { parseGf } from './parse';

/** True when a file name (or URL path) names graph-language text rather than JSON. */
export const isGfName = (name: string): boolean => /\.gf$/i.test(name.split(/[?#]/)[0] ?? '');

const STARTS_GF =
  /^(#|`[^`\n]+`\s*=|[A-Za-z_][A-Za-z0-9_.]*\s*=[^=]|(graph|note|option|checkpoint|group|layer|objective|check|input|param|frozen|constant)\s)/;

/**
 * Text with no file name (pasted, inline in a page) is graph language when its first line
 * reads like it: a comment, `name = …`, or a statement keyword. JSON never starts that way.
 */
export function looksLikeGf(text: string): boolean {
  return STARTS_GF.test(text.trimStart());
}

/**
 * .gf text → the GraphSpec object the schema validates next, or its first problem with the
 * line and column in the message (the UI's loaders report one problem per file).
 */
export function gfToGraphObject(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; problem: Problem } {
  const r = parseGf(text);
  if (r.spec) return { ok: true, value: r.spec as unknown as Record<string, unknown> };
  const [p, ...more] = r.problems;
  if (!p) return { ok: false, problem: { field: '(graph)', message: 'no graph' } };
  const tail = more.length ? ` (and ${more.length} more)` : '';
  return {
    ok: false,
    problem: {
      ...(p.node !== undefined ? { node: p.node } : {}),
      field: p.field,
      message: `line ${p.line}, column ${p.col}: ${p.message}${tail}`,
    },
  };
}

/**
 * Problems the engine found in the graph .gf `text` compiled to, told at their place in the text
 * (`line L, column C: …`) as the parser's own are; a problem with no place is told as it is.
 */
export function placeInGfText(text: string, problems: readonly Problem[]): Problem[] {
  const gf = parseGf(text);
  return problems.map((p) => {
    const at = p.node !== undefined ? gf.where(p.node, p.field) : undefined;
    return at ? { ...p, message: `line ${at.line}, column ${at.col}: ${p.message}` } : p;
  });
}
