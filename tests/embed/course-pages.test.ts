import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launch, openPage, type Watched } from '../e2e/browser';
import { expectCounters, explorersReady, realErrors } from './pages';
import { type StaticServer, serveStatic } from './static-server';

/**
 * Course pages made by the real tools (Debian's, installed by `npm test`'s setup): an MkDocs
 * site and an executed Jupyter notebook, each with two graphs, served on 127.0.0.1, opened in
 * Chromium and stepped by keyboard. The notebook writes its graphs with python/gradflow_embed.py.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'gradflow-course-'));
let browser: Browser;
const servers: StaticServer[] = [];
let w: Watched | undefined;

/** The library where a course site puts it: a `gradflow/` folder next to its pages. */
const copyLibrary = (into: string) => cpSync(inject('libDir'), join(into, 'gradflow'), { recursive: true });

const MKDOCS_PAGE = `# Lecture 6: attention

The softmax step of attention's backward pass, then a whole two-layer network.

<div class="graph" markdown="0">
<gradflow-graph graph="ex06-attention-backward" step="8" controls="steps" height="460"></gradflow-graph>
</div>

Step through the network below with → and ←.

<gradflow-graph graph="ex03-two-layer-backprop" step="4" height="560"></gradflow-graph>

<script type="module" src="../gradflow/gradflow-element.js"></script>
`;

const cell = (source: string, kind: 'code' | 'markdown' = 'code') =>
  kind === 'code'
    ? { cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source }
    : { cell_type: 'markdown', metadata: {}, source };

const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  cells: [
    cell('# Chain rule and backpropagation\n\nThe graphs below are gradflow explorers.', 'markdown'),
    cell(`import sys\nsys.path.insert(0, ${JSON.stringify(join(ROOT, 'python'))})\nfrom gradflow_embed import show`),
    cell('show("ex06-attention-backward", step=8, controls="steps", height=460)'),
    cell('show("ex04-vanishing-gradients", options={"activation": "relu", "init": "he"}, height=560)'),
  ],
};

beforeAll(async () => {
  browser = await launch();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  rmSync(work, { recursive: true, force: true });
});

async function openSite(dir: string, path: string): Promise<{ page: Page; site: StaticServer }> {
  const site = await serveStatic(dir);
  servers.push(site);
  w = await openPage(browser);
  await w.page.goto(`${site.url}${path}`);
  return { page: w.page, site };
}

/** Clicks explorer `i`'s commentary line (nothing there reacts), giving it the keys. */
const focusExplorer = (page: Page, i: number) => page.locator('[data-testid=explorer] [data-testid=commentary]').nth(i).click();

describe('course pages built by the real tools', () => {
  test('MkDocs: a page with two graphs, built by mkdocs build, renders both; the keyboard steps each', async () => {
    const project = join(work, 'mkdocs');
    mkdirSync(join(project, 'docs'), { recursive: true });
    writeFileSync(
      join(project, 'mkdocs.yml'),
      'site_name: Backprop course\ntheme:\n  name: mkdocs\n  highlightjs: false\nnav:\n  - Lecture 6: lecture6.md\n',
    );
    writeFileSync(join(project, 'docs/lecture6.md'), MKDOCS_PAGE);
    copyLibrary(join(project, 'docs'));
    await run('/usr/bin/mkdocs', ['build', '--quiet', '-f', join(project, 'mkdocs.yml'), '-d', join(project, 'site')], { cwd: project });
    const html = readFileSync(join(project, 'site/lecture6/index.html'), 'utf8');
    expect(html.match(/<gradflow-graph /g)).toHaveLength(2);
    // MkDocs' own theme is on the page around the graphs
    expect(html).toContain('Backprop course');

    const { page, site } = await openSite(join(project, 'site'), 'lecture6/');
    expect(await explorersReady(page, 2)).toEqual(['8 / 9', '4 / 13']);
    await focusExplorer(page, 0);
    await page.keyboard.press('ArrowRight');
    await expectCounters(page, ['9 / 9', '4 / 13']);
    await focusExplorer(page, 1);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expectCounters(page, ['9 / 9', '2 / 13']);
    await page.keyboard.press('End');
    await expectCounters(page, ['9 / 9', '13 / 13']);
    expect(site.requests).toContain('/gradflow/gradflow-element.js');
    expect(site.notFound.filter((r) => r !== '/favicon.ico')).toEqual([]);
    expect(realErrors(w?.errors ?? [])).toEqual([]);
    await w?.context.close();
  });

  test('Jupyter: a notebook calling gradflow_embed.show twice, executed by jupyter-nbconvert, renders and steps both', async () => {
    const dir = join(work, 'notebook');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'lecture.ipynb'), JSON.stringify(NOTEBOOK));
    await run('/usr/bin/jupyter-nbconvert', ['--to', 'html', '--execute', '--output-dir', dir, join(dir, 'lecture.ipynb')], {
      cwd: dir,
      timeout: 120_000,
    });
    const html = readFileSync(join(dir, 'lecture.html'), 'utf8');
    // The kernel ran the cells: their HTML outputs are in the page (the sources alone have no element tags).
    expect(html.match(/<gradflow-graph /g)).toHaveLength(2);
    copyLibrary(dir);

    const { page, site } = await openSite(dir, 'lecture.html');
    expect(await explorersReady(page, 2)).toEqual(['8 / 9', '0 / 83']);
    expect(await page.$eval('select[aria-label="Activation"]', (e) => (e as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(
      'relu',
    );
    await focusExplorer(page, 1);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expectCounters(page, ['8 / 9', '3 / 83']);
    await focusExplorer(page, 0);
    await page.keyboard.press('Home');
    await expectCounters(page, ['0 / 9', '3 / 83']);
    expect(site.requests).toContain('/gradflow/gradflow-element.js');
    // The exported page asks CDNs for MathJax and require.js (no network here): those are not ours.
    expect(site.notFound.filter((r) => r !== '/favicon.ico')).toEqual([]);
    expect(realErrors(w?.errors ?? []).filter((e) => !/net::ERR_|mathjax|require/i.test(e))).toEqual([]);
    await w?.context.close();
  });
});
