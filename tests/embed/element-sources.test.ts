import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { launch, openPage, type Watched } from '../e2e/browser';
import { counters, explorersReady, realErrors } from './pages';
import { type StaticServer, serveStatic } from './static-server';

/** The README's graph file (x, W → z = W x → a = relu(z) → L = sum a): 3 forward, seed, 3 backward steps. */
const README_GRAPH = {
  nodes: [
    { id: 'x', op: 'leaf', value: [1, 2], role: 'input' },
    {
      id: 'W',
      op: 'leaf',
      value: [
        [0.5, 0.1],
        [0.2, 0.3],
      ],
      role: 'param',
    },
    { id: 'z', op: 'matmul', inputs: ['W', 'x'] },
    { id: 'a', op: 'relu', inputs: ['z'], label: 'a = relu(z)' },
    { id: 'L', op: 'sum', inputs: ['a'] },
  ],
  objectives: [{ name: 'L', node: 'L' }],
};
const TWO_LEAVES = {
  nodes: [
    { id: 'p', op: 'leaf', value: 3, role: 'param' },
    { id: 'q', op: 'square', inputs: ['p'] },
  ],
  objectives: [{ name: 'q', node: 'q' }],
};

const page = (body: string, head = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Course page</title>${head}</head>
<body><main><h1>Lecture</h1><p>Some text of the page.</p>
${body}
<button type="button" id="page-button">A button of the page</button>
</main><script type="module" src="/gradflow-element.js"></script></body></html>`;

let browser: Browser;
let w: Watched | undefined;
let lib: StaticServer;
const other = mkdtempSync(join(tmpdir(), 'gradflow-other-'));
let otherSite: StaticServer;

const GF = 'param u = [0.5, -1.5]\nv = tanh(u)\nS = sum(v)\nobjective S\n';

const PAGES: Record<string, string> = {
  '/graphs/mine.gf': GF,
  '/graphs/bad.gf': 'param u = [0.5, -1.5]\nv = tanh(u\n',
  '/graphs/readme.json': JSON.stringify(README_GRAPH),
  '/graphs/broken.json': '{"nodes": [ {"id": "x", ',
  '/graphs/bad-op.json': JSON.stringify({
    nodes: [
      { id: 'x', op: 'leaf', value: 1 },
      { id: 'y', op: 'frobnicate', inputs: ['x'] },
    ],
    objectives: [{ name: 'y', node: 'y' }],
  }),
};

beforeAll(async () => {
  browser = await launch();
  otherSite = await serveStatic(other, { cors: true, pages: { '/g.json': JSON.stringify(README_GRAPH) } });
  lib = await serveStatic(inject('libDir'), { pages: PAGES });
});
afterEach(async () => {
  await w?.context.close();
  w = undefined;
});
afterAll(async () => {
  await browser?.close();
  await lib?.close();
  await otherSite?.close();
  rmSync(other, { recursive: true, force: true });
});

async function open(html: string, name: string, o: { reducedMotion?: 'reduce' } = {}): Promise<Page> {
  PAGES[`/${name}.html`] = html;
  w = await openPage(browser, o);
  await w.page.goto(`${lib.url}${name}.html`);
  return w.page;
}

/** Node ids on each explorer's canvas, in document order of the explorers. */
const nodeIds = (p: Page): Promise<string[][]> =>
  p.$$eval('gradflow-graph', (els) =>
    els.map((el) =>
      [...(el.shadowRoot?.querySelectorAll('[data-testid^="node-"]') ?? [])]
        .map((n) => (n as HTMLElement).dataset.testid?.slice(5) ?? '')
        .filter((id) => !id.includes('inspector'))
        .sort(),
    ),
  );

/**
 * The text of each element's error panel ('' when none), waiting until every element shows an
 * error or has drawn its graph (its canvas's `data-drawn`: the run is committed and on screen).
 */
async function settled(p: Page, n: number): Promise<string[]> {
  await p.waitForFunction(
    (count) => {
      const els = [...document.querySelectorAll('gradflow-graph')];
      return (
        els.length === count &&
        els.every(
          (el) =>
            el.shadowRoot?.querySelector('[data-testid=error-panel], [data-testid=canvas][data-drawn=true]') &&
            !el.shadowRoot?.querySelector('.gf-embed-loading'),
        )
      );
    },
    n,
    { timeout: 45_000 },
  );
  return p.$$eval('gradflow-graph', (els) => els.map((el) => el.shadowRoot?.querySelector('[data-testid=error-panel]')?.textContent ?? ''));
}

describe('<gradflow-graph>: where the graph comes from', () => {
  test('src (a same-origin .json file) and inline graph text each show their own graph; attributes apply', async () => {
    const p = await open(
      page(`<gradflow-graph src="/graphs/readme.json" step="3" controls="steps" height="420"></gradflow-graph>
<gradflow-graph controls="none" height="300"><script type="text/gradflow">${JSON.stringify(TWO_LEAVES)}</script></gradflow-graph>`),
      'sources',
    );
    await p.waitForFunction(() =>
      [...document.querySelectorAll('gradflow-graph')].every((el) => el.shadowRoot?.querySelector('[data-testid=gf-edge]')),
    );
    expect(await nodeIds(p)).toEqual([
      ['L', 'W', 'a', 'x', 'z'],
      ['p', 'q'],
    ]);
    // controls="none" has no step bar: only the first has a counter. 7 steps: 3 forward, seed, 3 backward.
    expect(await counters(p)).toEqual(['3 / 7']);
    expect(
      await p.$$eval('gradflow-graph', (els) => els.map((el) => el.shadowRoot?.querySelector('.gf-embed')?.getBoundingClientRect().height)),
    ).toEqual([420, 300]);
    expect(lib.requests).toContain('/graphs/readme.json');
    expect(await settled(p, 2)).toEqual(['', '']);

    // Editing the inline text shows the new graph (the element watches its children).
    await p.evaluate((g) => {
      const s = document.querySelectorAll('gradflow-graph')[1]?.querySelector('script');
      if (s) s.textContent = JSON.stringify(g);
    }, README_GRAPH);
    await expect.poll(() => nodeIds(p).then((ids) => ids[1])).toEqual(['L', 'W', 'a', 'x', 'z']);
    expect(realErrors(w?.errors ?? [])).toEqual([]);
  });

  test('an unknown id, a missing, broken, foreign or invalid file: a clear error in the frame, never some other graph', async () => {
    const p = await open(
      page(`<gradflow-graph graph="ex99-no-such-exercise"></gradflow-graph>
<gradflow-graph src="/graphs/missing.json"></gradflow-graph>
<gradflow-graph src="/graphs/broken.json"></gradflow-graph>
<gradflow-graph src="${otherSite.url}g.json"></gradflow-graph>
<gradflow-graph src="/graphs/bad-op.json"></gradflow-graph>
<gradflow-graph><script type="text/gradflow">[1, 2, 3]</script></gradflow-graph>
<gradflow-graph></gradflow-graph>`),
      'errors',
    );
    const panels = await settled(p, 7);
    expect(panels[0]).toContain('no exercise "ex99-no-such-exercise"');
    expect(panels[1]).toContain('/graphs/missing.json answered 404');
    expect(panels[2]).toContain('/graphs/broken.json is not valid JSON');
    expect(panels[3]).toContain(`is on ${otherSite.url.slice(0, -1)}, not on this site`);
    expect(panels[4]).toMatch(/node “y”.*op.*frobnicate/);
    expect(panels[5]).toContain('expected a JSON object with "nodes" and "objectives", got an array');
    expect(panels[6]).toContain('no graph given');
    // None of them shows a graph, and none says an earlier graph is still shown.
    expect(await nodeIds(p)).toEqual([[], [], [], [], [], [], []]);
    for (const t of panels) expect(t).not.toContain('last good run');
    expect(otherSite.requests).toEqual([]);
  });
});

/** Styles that show whether a rule reached an element (not layout, which depends on the viewport). */
const STYLE_PROPS = [
  'color',
  'background-color',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'line-height',
  'letter-spacing',
  'text-transform',
  'margin-top',
  'margin-left',
  'padding-top',
  'border-top-left-radius',
  'border-top-color',
  'display',
  'visibility',
] as const;

/** Computed styles of every element inside each <gradflow-graph>'s shadow root, in tree order. */
const insideStyles = (p: Page) =>
  p.evaluate(
    (props) => {
      return [...document.querySelectorAll('gradflow-graph')].map((el) =>
        [...(el.shadowRoot?.querySelectorAll('*') ?? [])]
          .filter((e) => e.tagName !== 'STYLE')
          .map((e) => {
            const cs = getComputedStyle(e);
            return `${e.tagName.toLowerCase()}.${e.getAttribute('class') ?? ''} ${props.map((k) => cs.getPropertyValue(k)).join('|')}`;
          }),
      );
    },
    STYLE_PROPS as unknown as string[],
  );

/** Computed styles of the page's own elements (outside the elements). */
const pageStyles = (p: Page) =>
  p.evaluate(
    (props) => {
      return [...document.querySelectorAll('body, body *')]
        .filter((e) => !e.closest('gradflow-graph') && e.tagName !== 'SCRIPT' && e.tagName !== 'STYLE')
        .map((e) => {
          const cs = getComputedStyle(e);
          return `${e.tagName.toLowerCase()}#${e.id} ${props.map((k) => cs.getPropertyValue(k)).join('|')}`;
        });
    },
    STYLE_PROPS as unknown as string[],
  );

const HOSTILE = `<style>
p { font-size: 18px; }
* { color: red !important; }
div, section, aside { margin: 13px !important; line-height: 3 !important; }
button, select, input { font: italic 20px serif !important; border-radius: 20px !important; text-transform: uppercase; }
.gf-app, .gf-embed, .gf-canvas, [data-testid=explorer], .react-flow { display: none !important; }
gradflow-graph { font: 30px/4 "Comic Sans MS", cursive; letter-spacing: 4px; color: blue; text-transform: uppercase; }
:root { --gf-bogus: 1; }
</style>`;

describe('<gradflow-graph>: graph-language (.gf) files and text', () => {
  test('src="….gf" and inline .gf text show their graphs; a .gf syntax error shows its line and column', async () => {
    const p = await open(
      page(`<gradflow-graph src="/graphs/mine.gf" controls="steps" height="360"></gradflow-graph>
<gradflow-graph controls="steps" height="360"><script type="text/gradflow">${GF.replace('u =', 'w =').replaceAll('(u)', '(w)')}</script></gradflow-graph>
<gradflow-graph src="/graphs/bad.gf" height="300"></gradflow-graph>`),
      'gf',
    );
    const panels = await settled(p, 3);
    expect(panels.slice(0, 2)).toEqual(['', '']);
    expect(panels[2]).toMatch(/line 3, column 1: unexpected end of file/);
    expect(await nodeIds(p)).toEqual([['S', 'u', 'v'], ['S', 'v', 'w'], []]);
    // 2 forward steps, the seed, 2 backward
    expect(await counters(p)).toEqual(['0 / 5', '0 / 5']);
  });
});

describe('<gradflow-graph>: styles isolated in a shadow root', () => {
  test('a hostile host stylesheet changes nothing inside the element, and the element changes nothing outside', async () => {
    const body = '<gradflow-graph graph="ex03-two-layer-backprop" step="7" height="700"></gradflow-graph>';
    const prepare = async (p: Page) => {
      await explorersReady(p, 1);
      // open the inspector on a node: KaTeX formulas, paragraphs, buttons, inputs
      await p.click('[data-testid=node-z1]');
      await p.waitForSelector('.gf-inspector .katex');
      await p.mouse.move(0, 0);
      await p.waitForTimeout(300);
    };

    const clean = await open(page(body), 'clean', { reducedMotion: 'reduce' });
    await prepare(clean);
    const inClean = await insideStyles(clean);
    const outWith = await pageStyles(clean);
    await w?.context.close();

    const hostile = await open(page(body, HOSTILE), 'hostile', { reducedMotion: 'reduce' });
    await prepare(hostile);
    const inHostile = await insideStyles(hostile);
    expect(inClean[0]?.length).toBeGreaterThan(100);
    expect(inHostile).toEqual(inClean);
    // The hostile rules do apply to the page itself (the test's stylesheet is live).
    expect(await hostile.$eval('main > p', (e) => [getComputedStyle(e).fontSize, getComputedStyle(e).color])).toEqual([
      '18px',
      'rgb(255, 0, 0)',
    ]);
    await w?.context.close();

    // The page without any element: its own elements look the same as beside one.
    const bare = await open(
      page('<div id="placeholder"></div>').replace('<script type="module" src="/gradflow-element.js"></script>', ''),
      'bare',
    );
    const outWithout = (await pageStyles(bare)).filter((s) => !s.startsWith('div#placeholder'));
    expect(outWith).toEqual(outWithout);
  });
});
