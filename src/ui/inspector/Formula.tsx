import type Katex from 'katex';
import { memo, useEffect, useMemo, useState } from 'react';

/** KaTeX options for op formulas: no \href/\url, bounded size and macro expansion, never throws. */
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

/**
 * An op's formula (from the op registry, never graph text). KaTeX builds the markup; user
 * text never reaches this component. Until KaTeX has loaded, the TeX source shows as text.
 */
export const Formula = memo(function Formula({ tex, display = false }: { tex: string; display?: boolean }) {
  const [katex, setKatex] = useState(() => loaded);
  useEffect(() => {
    if (!katex) void loadKatex().then((k) => setKatex(() => k));
  }, [katex]);
  const html = useMemo(() => katex?.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display }) ?? null, [katex, tex, display]);
  if (html === null) return <code className="gf-formula gf-formula--loading">{tex}</code>;
  // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX output of a registry formula (trust: false)
  return <span className="gf-formula" dangerouslySetInnerHTML={{ __html: html }} />;
});
