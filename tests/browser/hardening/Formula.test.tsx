import { describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { MAX_FORMULA_CHARS } from '../../../src/core/limits';
import { Formula, KATEX_OPTIONS, loadKatex, typeset } from '../../../src/ui/inspector/Formula';
import { FLAG } from './graphs';

const flag = () => (window as unknown as Record<string, unknown>)[FLAG];

/** Renders one formula and waits until KaTeX (or the refusal) has replaced the loading text. */
async function shown(tex: string) {
  await loadKatex();
  const screen = await render(<Formula tex={tex} display />);
  const root = screen.container.querySelector('.gf-formula') as HTMLElement;
  expect(root.classList.contains('gf-formula--loading')).toBe(false);
  return root;
}

describe('Formula: KaTeX with trust off and limits', () => {
  test('the options: trust off, sizes ≤ 20 em, ≤ 200 expansions, errors rendered not thrown', () => {
    expect(KATEX_OPTIONS).toMatchObject({ trust: false, maxSize: 20, maxExpand: 200, throwOnError: false });
  });

  test('\\href, \\url, \\includegraphics and \\html… render as inert text: no link, no image, no script', async () => {
    for (const tex of [
      `\\href{javascript:window.${FLAG}='href'}{click}`,
      `\\url{javascript:window.${FLAG}='url'}`,
      '\\includegraphics{x.png}',
      `\\htmlData{onclick=window.${FLAG}=1}{x}`,
      `\\text{<img src=x onerror="window.${FLAG}='text'">}`,
    ]) {
      const root = await shown(tex);
      // typeset, or shown as an error in place: either way KaTeX's own markup, nothing from the text
      expect(root.querySelector('.katex, .katex-error'), tex).not.toBeNull();
      expect(root.querySelectorAll('a, img, script, iframe, [href], [src], [onerror], [onclick]').length, tex).toBe(0);
    }
    // \href is shown as its own name in the error colour, not followed
    const href = await shown('\\href{javascript:alert(1)}{x}');
    expect(href.querySelector('.katex-html')?.textContent).toBe('\\href');
    expect(flag()).toBeUndefined();
  });

  test('maxSize: \\rule and \\kern of 500 em are drawn at 20 em', async () => {
    const rule = await shown('\\rule{500em}{500em}');
    const r = rule.querySelector('.katex-rule') as HTMLElement;
    expect(r.style.borderRightWidth).toBe('20em');
    expect(r.style.borderTopWidth).toBe('20em');
    const kern = await shown('\\kern{900em}x');
    expect((kern.querySelector('.mspace') as HTMLElement).style.marginRight).toBe('20em');
  });

  test('maxExpand: a self-expanding macro stops with an error in place (no hang, no throw)', async () => {
    const root = await shown('\\def\\a{\\a\\a}\\a');
    const err = root.querySelector('.katex-error') as HTMLElement;
    expect(err.getAttribute('title')).toMatch(/Too many expansions/);
    expect(err.textContent).toBe('\\def\\a{\\a\\a}\\a');
  });

  test(`formulas over ${MAX_FORMULA_CHARS} characters are refused as text; at the limit they are typeset`, async () => {
    const at = `${'x+'.repeat(MAX_FORMULA_CHARS / 2 - 1)}xx`;
    expect(at.length).toBe(MAX_FORMULA_CHARS);
    expect((await shown(at)).querySelector('.katex')).not.toBeNull();
    const over = `${at}+`;
    const root = await shown(over);
    expect(root.querySelector('.katex')).toBeNull();
    expect(root.classList.contains('gf-formula--refused')).toBe(true);
    expect(root.textContent).toBe(`formula not shown: ${MAX_FORMULA_CHARS + 1} characters (the limit is ${MAX_FORMULA_CHARS})`);
    const katex = await loadKatex();
    expect(typeset(katex, over, false)).toEqual({ refused: root.textContent });
  });

  test('a registry-style formula still renders (the limits cost nothing for real ones)', async () => {
    const root = await shown('\\bar x = p\\,x^{p-1} \\odot \\bar y');
    expect(root.querySelector('.katex-error')).toBeNull();
    expect(root.querySelector('.katex-mathml annotation')?.textContent).toBe('\\bar x = p\\,x^{p-1} \\odot \\bar y');
  });
});
