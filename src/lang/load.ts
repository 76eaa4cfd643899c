import type { Problem } from '../core/errors';
import { parseGraphText } from '../core/load';
import { parseGraphSpec } from '../core/schema';
import type { GraphSpec } from '../core/types';
import { type GfParse, type GfProblem, parseGf } from './parse';
import { isGfName } from './sniff';

export { isGfName };

export type GraphSource = { ok: true; spec: GraphSpec; gf?: GfParse } | { ok: false; problems: (Problem | GfProblem)[]; gf?: GfParse };

/**
 * A graph file's text → a validated GraphSpec. `.gf` names go through the graph language
 * (problems with line and column), anything else through JSON; both end in the same schema.
 * DOM-free: the CLI and the explorer call the same function.
 */
export function loadGraphSource(text: string, filename: string): GraphSource {
  if (isGfName(filename)) {
    const gf = parseGf(text);
    if (!gf.spec) return { ok: false, problems: gf.problems, gf };
    return validated(gf.spec, gf);
  }
  const raw = parseGraphText(text, { name: filename });
  if (!raw.ok) return { ok: false, problems: [raw.problem] };
  return validated(raw.value);
}

function validated(raw: unknown, gf?: GfParse): GraphSource {
  try {
    return { ok: true, spec: parseGraphSpec(raw), ...(gf ? { gf } : {}) };
  } catch (e) {
    const problems = (e as { problems?: Problem[] }).problems;
    if (!problems) throw e;
    return { ok: false, problems: gf ? problems.map((p) => locateProblem(p, gf)) : problems, ...(gf ? { gf } : {}) };
  }
}

/** An engine problem (node + field) with the line and column of that node in the .gf text, when it has one. */
export function locateProblem(p: Problem, gf: GfParse): Problem | GfProblem {
  if ('line' in p) return p;
  const w = p.node !== undefined ? gf.where(p.node, p.field) : undefined;
  return w ? { ...p, ...w } : p;
}
