import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseControls, parseHeight, parseOptions, parseStep } from '../../src/lib/attributes';
import { katexWithFonts } from '../../src/lib/katexFonts';
import { scopeSelector, scopeSelectorList, splitSelectors } from '../../src/lib/scopeCss';

describe('the embed CSS is confined to .gf-embed', () => {
  test('page-level selectors become the embed box; everything else applies inside it', () => {
    expect(scopeSelector(':root')).toBe('.gf-embed');
    expect(scopeSelector('body')).toBe('.gf-embed');
    expect(scopeSelector('html')).toBe('.gf-embed');
    expect(scopeSelector('*')).toBe('.gf-embed *');
    expect(scopeSelector('button:hover:not(:disabled)')).toBe('.gf-embed button:hover:not(:disabled)');
    expect(scopeSelector(':focus-visible')).toBe('.gf-embed :focus-visible');
    expect(scopeSelector('.gf-app.is-presenter .gf-title')).toBe('.gf-embed .gf-app.is-presenter .gf-title');
    expect(scopeSelector('body.dark .x')).toBe('.gf-embed.dark .x');
    expect(scopeSelector('html > .x')).toBe('.gf-embed .x');
    // an element name that merely starts with `body` is no page selector
    expect(scopeSelector('bodytext')).toBe('.gf-embed bodytext');
  });

  test('selector lists split at top-level commas only', () => {
    expect(splitSelectors('a, b:is(.c, .d), [data-x="1,2"]')).toEqual(['a', 'b:is(.c, .d)', '[data-x="1,2"]']);
    expect(scopeSelectorList('html, body, #root')).toBe('.gf-embed, .gf-embed, .gf-embed #root');
    expect(scopeSelectorList('button,\nselect')).toBe('.gf-embed button, .gf-embed select');
  });
});

describe('<gradflow-graph> attributes', () => {
  test('options: comma pairs (the README form), & or ; pairs, or JSON', () => {
    expect(parseOptions('activation=relu, init=he')).toEqual({ activation: 'relu', init: 'he' });
    expect(parseOptions('residual=true&checkpoint_every=3')).toEqual({ residual: 'true', checkpoint_every: '3' });
    expect(parseOptions('{"residual": true, "checkpoint_every": 3}')).toEqual({ residual: true, checkpoint_every: 3 });
    expect(parseOptions('  ')).toBeUndefined();
    expect(parseOptions(null)).toBeUndefined();
  });

  test('step, height and controls', () => {
    expect(parseStep('12')).toBe(12);
    expect(parseStep(' 0 ')).toBe(0);
    expect(parseStep('-1')).toBeUndefined();
    expect(parseStep('two')).toBeUndefined();
    expect(parseHeight('480')).toBe(480);
    expect(parseHeight('60vh')).toBe('60vh');
    expect(parseHeight('')).toBeUndefined();
    expect(parseControls('steps')).toBe('steps');
    expect(parseControls('everything')).toBeUndefined();
  });
});

describe('KaTeX fonts located by the build', () => {
  test('every @font-face of katex.min.css is reduced to its woff2 at the given URL', () => {
    const css = readFileSync(resolve(import.meta.dirname, '../../node_modules/katex/dist/katex.min.css'), 'utf8');
    const faces = css.match(/@font-face\{[^}]*\}/g) ?? [];
    expect(faces.length).toBe(20);
    const fonts = Object.fromEntries(
      faces.map((f) => {
        const name = /url\(fonts\/([\w-]+)\.woff2\)/.exec(f)?.[1] as string;
        return [`/node_modules/katex/dist/fonts/${name}.woff2`, `https://cdn.example/assets/${name}-abc.woff2`];
      }),
    );
    const out = katexWithFonts(css, fonts);
    const rewritten = out.match(/@font-face\{[^}]*\}/g) ?? [];
    expect(rewritten.length).toBe(20);
    for (const f of rewritten) {
      expect(f).toMatch(/src:url\("https:\/\/cdn\.example\/assets\/KaTeX_[\w-]+-abc\.woff2"\) format\("woff2"\)/);
      expect(f).not.toMatch(/\.woff\)|\.ttf\)|url\(fonts\//);
    }
    // Everything else of the stylesheet is unchanged.
    expect(out.replace(/@font-face\{[^}]*\}/g, '')).toBe(css.replace(/@font-face\{[^}]*\}/g, ''));
  });
});
