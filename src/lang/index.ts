/**
 * The gradflow graph language (.gf), DOM-free: parse text into a GraphSpec with located
 * problems, print a GraphSpec back as canonical text, and the Lezer parser + highlight tags
 * an editor uses. See src/lang/README.md.
 */
import type { OpSignature } from '../core/op';
import { INITIALISERS } from './consts';
import { KEYWORDS } from './text';

export type { OpSignature } from '../core/op';
export type { Attached } from './comments';
export { INITIALISERS } from './consts';
export { gfHighlighting, gfParser } from './highlight';
export { type GraphSource, isGfName, loadGraphSource, locateProblem } from './load';
export { type GfParse, type GfProblem, lineCol, parseGf } from './parse';
export { type PrintOptions, printGf } from './print';
export { KEYWORDS } from './text';

/** An op's call as the language writes it: `matmul(A, B)`, `stack(u…)`. */
export const callText = (op: OpSignature): string => `${op.name}(${op.inputs.join(', ')}${op.variadic ? '…' : ''})`;

/**
 * Words for completion: the ops it is given (the engine's registry, with their inputs as the
 * detail), the initialisers, the check readers, the keywords.
 */
export function completions(ops: readonly OpSignature[]): { label: string; type: 'function' | 'keyword'; detail?: string }[] {
  return [
    ...ops.map((op) => ({ label: op.name, type: 'function' as const, detail: callText(op).slice(op.name.length) })),
    ...[...INITIALISERS, 'value', 'grad', 'norm'].map((label) => ({ label, type: 'function' as const })),
    ...KEYWORDS.map((label) => ({ label, type: 'keyword' as const })),
  ];
}
