import { autocompletion } from '@codemirror/autocomplete';
import { defaultHighlightStyle, LanguageSupport, LRLanguage, syntaxHighlighting } from '@codemirror/language';
import { type Diagnostic, linter } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import type { GfProblem, OpSignature } from '../../lang';
import { gfParser, parseGf } from '../../lang';
import { gfCompletion } from './completionOps';

/** The .gf language for CodeMirror: the same Lezer parser and highlight tags as the CLI's. */
export const gfLanguage = LRLanguage.define({
  name: 'gradflow',
  parser: gfParser,
  languageData: { commentTokens: { line: '#' } },
});

/** A problem of `parseGf` as a CodeMirror diagnostic (the mark covers at least one character). */
export function toDiagnostic(p: GfProblem, length: number): Diagnostic {
  const from = Math.min(Math.max(0, p.from), length);
  const to = Math.min(Math.max(from, p.to), length);
  return { from, to, severity: 'error', message: `${p.line}:${p.col} ${p.message}` };
}

/**
 * Highlighting, completion of op names (`ops`: the engine's, see completionOps.ts) / keywords, and lint marks: `parseGf`'s problems, and
 * while the text parses, the engine's problems placed on their nodes' lines (`engine()`).
 */
export function gfExtensions(engine: () => readonly GfProblem[] = () => [], ops: () => readonly OpSignature[] = () => []): Extension[] {
  return [
    new LanguageSupport(gfLanguage),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    autocompletion({ override: [gfCompletion(ops)] }),
    linter(
      (view) => {
        const text = view.state.doc.toString();
        const parsed = parseGf(text).problems;
        return (parsed.length ? parsed : engine()).map((p) => toDiagnostic(p, text.length));
      },
      { delay: 300 },
    ),
  ];
}
