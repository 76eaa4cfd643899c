/**
 * The gradflow graph language (.gf), DOM-free: parse text into a GraphSpec with located
 * problems, print a GraphSpec back as canonical text, and the Lezer parser + highlight tags
 * an editor uses. See src/lang/README.md.
 */
import { INITIALISERS } from './consts';
import { OPS } from './gf.ops';
import { KEYWORDS } from './text';

export type { Attached } from './comments';
export { INITIALISERS } from './consts';
export { OPS } from './gf.ops';
export { gfHighlighting, gfParser } from './highlight';
export { type GraphSource, isGfName, loadGraphSource, locateProblem } from './load';
export { type GfParse, type GfProblem, lineCol, parseGf } from './parse';
export { type PrintOptions, printGf } from './print';
export { KEYWORDS } from './text';

/** Words for completion: every op of the registry, the initialisers, the check readers, the keywords. */
export function completions(): { label: string; type: 'function' | 'keyword' }[] {
  return [
    ...Object.keys(OPS).map((label) => ({ label, type: 'function' as const })),
    ...[...INITIALISERS, 'value', 'grad', 'norm'].map((label) => ({ label, type: 'function' as const })),
    ...KEYWORDS.map((label) => ({ label, type: 'keyword' as const })),
  ];
}
