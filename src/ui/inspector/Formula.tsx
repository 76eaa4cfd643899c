import type Katex from 'katex';
import { memo, useEffect, useMemo, useState } from 'react';
import { MAX_FORMULA_CHARS } from '../../core/limits';

/**
 * KaTeX options: `trust: false` (no \href, \url, \includegraphics, \html…: they render as
 * inert error text), sizes capped at `maxSize` em, at most `maxExpand` macro expansions, and
 * errors rendered in place instead of thrown.
 */
export const KATEX_OPTIONS = { trust: false, maxSize: 20, maxExpand: 200, throwOnError: false, output: 'htmlAndMathml' } as const;

// KaTeX is a quarter of the shell's size: it loads with the first formula shown, not with the page.
let loaded: typeof Katex | null = null;
let loading: Promise<typeof Katex> | null = null;
export const loadKatex = (): Promise<typeof Katex> => {
  loading ??= import('katex').then((m) => {
    loaded = m.default;
    return loaded;
  });
  return loading;
};

/** KaTeX's markup for `tex`, or the reason it is shown as text instead. */
export function typeset(katex: typeof Katex, tex: string, display: boolean): { html: string } | { refused: string } {
  if (tex.length > MAX_FORMULA_CHARS) return { refused: `formula not shown: ${tex.length} characters (the limit is ${MAX_FORMULA_CHARS})` };
  try {
    return { html: katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display }) };
  } catch (e) {
    return { refused: `formula not shown: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * An op's formula (from the op registry, never graph text). KaTeX builds the markup, with the
 * limits above. Until KaTeX has loaded, the TeX source shows as text.
 */
export const Formula = memo(function Formula({ tex, display = false }: { tex: string; display?: boolean }) {
  const [katex, setKatex] = useState(() => loaded);
  useEffect(() => {
    if (!katex) void loadKatex().then((k) => setKatex(() => k));
  }, [katex]);
  const out = useMemo(() => (katex ? typeset(katex, tex, display) : null), [katex, tex, display]);
  if (out === null) return <code className="gf-formula gf-formula--loading">{tex.slice(0, MAX_FORMULA_CHARS)}</code>;
  if ('refused' in out) return <code className="gf-formula gf-formula--refused">{out.refused}</code>;
  // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX output (trust: false, size and expansion limits)
  return <span className="gf-formula" dangerouslySetInnerHTML={{ __html: out.html }} />;
});
