import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { launch, openPage, type Watched } from '../e2e/browser';
import { expectCounters, explorersReady, realErrors } from './pages';
import { README_HOSTS, readmeSnippets } from './readme';
import { type StaticServer, serveStatic } from './static-server';

const libDir = inject('libDir');
const snippet = readmeSnippets().element;

/** A course page: its own heading, text and button around the README's snippet (script at `host`). */
const coursePage = (host: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lecture 6</title></head>
<body><main>
<h1>Lecture 6: attention</h1>
<p>Step through the graphs below.</p>
${snippet.replaceAll(README_HOSTS.element, host)}
<button type="button" id="page-button">A button of the page</button>
</main></body></html>`;

let browser: Browser;
let w: Watched | undefined;
const servers: StaticServer[] = [];
const empty = mkdtempSync(join(tmpdir(), 'gradflow-site-'));

beforeAll(async () => {
  browser = await launch();
});
afterEach(async () => {
  await w?.context.close();
  w = undefined;
});
afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  rmSync(empty, { recursive: true, force: true });
});

const serve = async (root: string, o: Parameters<typeof serveStatic>[1]) => {
  const s = await serveStatic(root, o);
  servers.push(s);
  return s;
};

/** Clicks explorer `i` where nothing reacts (its commentary line), as a learner does before using the keys. */
async function focusExplorer(i: number): Promise<void> {
  await w?.page.locator('[data-testid=explorer] [data-testid=commentary]').nth(i).click();
}

describe('<gradflow-graph> from the README, built by npm run build:lib', () => {
  test('script from another origin (CORS): two elements render, step independently, the page keeps its styles', async () => {
    const lib = await serve(libDir, { cors: true });
    const site = await serve(empty, { pages: { '/lecture.html': coursePage(lib.url) } });
    w = await openPage(browser);
    const { page } = w;
    await page.goto(`${site.url}lecture.html`);

    // The README's two elements: ex06 at step 8 (of 9), ex04 from the start.
    expect(await explorersReady(page, 2)).toEqual(['8 / 9', '0 / 83']);
    await page.evaluate(() => {
      (globalThis as any).__steps = [];
      for (const el of document.querySelectorAll('gradflow-graph'))
        el.addEventListener('stepchange', (e) => (globalThis as any).__steps.push([el.getAttribute('graph'), (e as CustomEvent).detail]));
    });

    await focusExplorer(0);
    await page.keyboard.press('ArrowRight');
    await expectCounters(page, ['9 / 9', '0 / 83']);
    await page.keyboard.press('Home');
    await expectCounters(page, ['0 / 9', '0 / 83']);

    await focusExplorer(1);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await expectCounters(page, ['0 / 9', '82 / 83']);
    const events = await page.evaluate(() => (globalThis as any).__steps as [string, { step: number; total: number }][]);
    expect(events.at(-1)).toEqual(['ex04-vanishing-gradients', { step: 82, total: 83 }]);
    expect(events.filter(([g]) => g === 'ex06-attention-backward').map(([, d]) => d.step)).toEqual([9, 0]);

    // The step attribute moves the explorer; the element reports where it is.
    await page.evaluate(() => document.querySelector('gradflow-graph')?.setAttribute('step', '4'));
    await expectCounters(page, ['4 / 9', '82 / 83']);
    expect(await page.evaluate(() => (document.querySelector('gradflow-graph') as any).step)).toBe(4);

    // The ReLU/He option reached the engine: the toolbar shows it.
    expect(await page.$eval('select[aria-label="Activation"]', (e) => (e as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(
      'relu',
    );

    // A node's rule in the inspector is typeset with KaTeX's fonts, fetched from next to the script.
    await page.click('[data-testid=node-out]');
    await page.waitForSelector('.gf-inspector .katex');
    await expect.poll(() => lib.requests.some((r) => /^\/assets\/KaTeX_[\w-]+\.woff2$/.test(r))).toBe(true);
    await expect
      .poll(() =>
        page.evaluate(() => [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'KaTeX_Main' && f.status === 'loaded')),
      )
      .toBe(true);

    // The page's own styles are untouched: the explorer's CSS is confined to its box.
    const styles = await page.evaluate(() => ({
      bodyMargin: getComputedStyle(document.body).margin,
      buttonRadius: getComputedStyle(document.getElementById('page-button') as HTMLElement).borderTopLeftRadius,
      h1Font: getComputedStyle(document.querySelector('h1') as HTMLElement).fontFamily,
      explorerFont: getComputedStyle(document.querySelector('gradflow-graph')?.shadowRoot?.querySelector('.gf-embed') as HTMLElement)
        .fontFamily,
    }));
    expect(styles.bodyMargin).toBe('8px');
    expect(styles.buttonRadius).toBe('0px');
    expect(styles.h1Font).not.toContain('Inter');
    expect(styles.explorerFont).toContain('Inter');

    // Everything came from next to the script (the lib server), nothing from the page's origin;
    // the compute ran on the page (no cross-origin worker) with tfjs on wasm.
    expect(lib.requests).toContain('/gradflow-element.js');
    expect(lib.requests.some((r) => /^\/chunks\/engine-[\w-]+\.js$/.test(r))).toBe(true);
    expect(lib.requests.some((r) => /^\/assets\/tfjs-backend-wasm[\w-]*\.wasm$/.test(r))).toBe(true);
    expect(lib.requests.some((r) => /^\/assets\/elk-worker\.min-[\w-]+\.js$/.test(r))).toBe(true);
    expect(lib.requests.some((r) => /worker-[\w-]+\.js$/.test(r) && !r.includes('elk'))).toBe(false);
    expect(lib.notFound).toEqual([]);
    expect(site.requests.filter((r) => r !== '/lecture.html' && r !== '/favicon.ico')).toEqual([]);
    expect(realErrors(w.errors)).toEqual([]);
  });

  test('script from the page’s own origin, another folder: the engine runs in a Web Worker beside the script', async () => {
    const lib = await serve(libDir, { pages: { '/course/week6/lecture.html': coursePage('/') } });
    w = await openPage(browser);
    const { page } = w;
    await page.goto(`${lib.url}course/week6/lecture.html`);
    expect(await explorersReady(page, 2)).toEqual(['8 / 9', '0 / 83']);
    expect(page.workers().some((wk) => /\/assets\/worker-[\w-]+\.js$/.test(wk.url()))).toBe(true);
    expect(lib.requests.some((r) => /^\/assets\/engine-[\w-]+\.js$/.test(r))).toBe(true);
    expect(lib.requests.some((r) => /^\/assets\/tfjs-backend-wasm[\w-]*\.wasm$/.test(r))).toBe(true);
    expect(lib.requests.some((r) => r.startsWith('/course/') && r !== '/course/week6/lecture.html')).toBe(false);
    expect(lib.notFound.filter((r) => r !== '/favicon.ico')).toEqual([]);

    await focusExplorer(1);
    await page.keyboard.press('ArrowRight');
    await expectCounters(page, ['8 / 9', '1 / 83']);
    expect(realErrors(w.errors)).toEqual([]);
  });
});
