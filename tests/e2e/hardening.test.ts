import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { BACKWARD_INF_GRAPH, FLAG, FORWARD_NAN_GRAPH, HOSTILE_GRAPH, shownAs } from '../browser/hardening/graphs';
import { counterText, drawn, pagesPerTest, ready, type Watched } from './browser';

const base = inject('baseUrl');
/** Set GF_SCREENS=/some/dir to save screenshots of what the tests see. */
const SCREENS = process.env.GF_SCREENS;

interface Expected {
  field: string;
  node?: string;
  contains?: string;
  generated?: string;
}
const CORPUS = 'tests/fixtures/bad-graphs';
const manifest: Record<string, Expected> = JSON.parse(readFileSync('tests/fixtures/bad-graphs.expected.json', 'utf8'));

/** The two corpus entries made at test time (the same bodies as tests/cli/bad-graphs.test.ts writes). */
const generated = (name: string): string =>
  name === 'huge-label.json'
    ? `{"nodes":[{"id":"x","op":"leaf","value":1,"label":"${'A'.repeat(10 * 1024 * 1024)}"},{"id":"L","op":"square","inputs":["x"]}],"objectives":[{"name":"L","node":"L"}]}`
    : `{"nodes":[{"id":"x","op":"leaf","value":[${new Array(1048577).fill(0).join(',')}]},{"id":"L","op":"sum","inputs":["x"]}],"objectives":[{"name":"L","node":"L"}]}`;

const PASTE = 'textarea[aria-label="graph JSON"]';
const LOAD = '.gf-paste button[type=submit]';
const PANEL = '[data-testid=error-panel]';
const EX01_TITLE = 'Ex 1 · Scalar chain rule';

const pages = pagesPerTest();
let w: Watched;

async function open(query: string): Promise<Page> {
  w = await pages.open();
  await w.page.goto(`${base}${query}`);
  return w.page;
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SCREENS) return;
  mkdirSync(SCREENS, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENS, `${name}.png`) });
}

/** The error panel's problems as the page shows them. */
const problems = (page: Page) =>
  page.$$eval(`${PANEL} li`, (els) =>
    els.map((e) => ({
      node: (e as HTMLElement).dataset.node ?? '',
      field: (e as HTMLElement).dataset.field ?? '',
      text: e.textContent ?? '',
    })),
  );

/** Pastes `text` and presses Load; resolves once the error panel (fresh) or the new graph is up. */
async function paste(page: Page, text: string): Promise<void> {
  if (await page.$(PANEL)) {
    await page.click(`${PANEL} button[aria-label=dismiss]`);
    await page.waitForSelector(PANEL, { state: 'detached' });
  }
  await page.fill(PASTE, text);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
}

/** 32-bit FNV-1a of a string's UTF-16 units: the paste box is compared without sending 10 MB back. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Everything the corpus test reads after one load, in one round trip; then dismisses the panel. */
const afterLoad = (page: Page) =>
  page.evaluate(async (fnv) => {
    const hash = new Function(`return ${fnv}`)() as (s: string) => number;
    const panel = document.querySelector('[data-testid=error-panel]');
    const box = document.querySelector('textarea[aria-label="graph JSON"]') as HTMLTextAreaElement;
    const seen = {
      problems: [...(panel?.querySelectorAll('li') ?? [])].map((e) => ({
        node: (e as HTMLElement).dataset.node ?? '',
        field: (e as HTMLElement).dataset.field ?? '',
        text: e.textContent ?? '',
      })),
      heading: panel?.querySelector('strong')?.textContent,
      paste: { length: box.value.length, hash: hash(box.value) },
      title: document.querySelector('[data-testid=graph-title]')?.textContent,
      edges: document.querySelectorAll('[data-testid=canvas] [data-testid=gf-edge]').length,
      counter: document.querySelector('[data-testid=step-counter]')?.textContent?.replace(/\s+/g, ' ').trim(),
    };
    // a click on ×, then the next frame without the panel
    (panel?.querySelector('button[aria-label=dismiss]') as HTMLButtonElement | null)?.click();
    return new Promise<typeof seen>((done) => {
      const gone = () => (document.querySelector('[data-testid=error-panel]') ? requestAnimationFrame(gone) : done(seen));
      gone();
    });
  }, fnv1a.toString());

/**
 * Puts `text` in the paste box as a paste does: the value, then one input event (React's onChange).
 * For the two generated entries (10 MB and 2 MB): `fill` types them through Chromium's text
 * insertion, ~20 s for 10 MB on a loaded 2-core machine, past its 30 s action timeout at times.
 */
const putInPasteBox = (page: Page, text: string) =>
  page.$eval(
    PASTE,
    (box, t) => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(box, t);
      box.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );

const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
const graphTitle = (page: Page) => page.textContent('[data-testid=graph-title]');
const faultMarked = (page: Page) =>
  page.$$eval('.gf-node.is-fault', (els) => els.map((e) => (e as HTMLElement).dataset.testid?.replace('node-', '') ?? '').sort());

async function readDownload(d: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of await d.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Elements and attributes in the page that text could have turned into live markup. */
const liveMarkup = (page: Page, origin: string) =>
  page.evaluate((origin) => {
    const found: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (['img', 'iframe', 'object', 'embed', 'foreignobject'].includes(tag)) found.push(`<${tag}>`);
      // the app's own scripts are the built module files from this origin
      if (tag === 'script' && !(el.getAttribute('src') && new URL(el.getAttribute('src') as string, location.href).origin === origin))
        found.push(`<script>${el.textContent?.slice(0, 40)}`);
      for (const a of el.attributes) {
        if (a.name.toLowerCase().startsWith('on')) found.push(`${tag}[${a.name}]`);
        if (/^\s*javascript:/i.test(a.value)) found.push(`${tag}[${a.name}=${a.value}]`);
      }
    }
    return found;
  }, origin);

describe('hardening end to end (production build)', () => {
  test('the malformed-graph corpus through the paste box: located message, page intact, paste kept', async () => {
    const page = await open('?graph=ex01-scalar-chain-rule');
    const { n } = await ready(page);
    await page.getByRole('button', { name: 'Paste JSON…' }).click();
    const names = Object.keys(manifest);
    // every committed file, and the two made here
    expect(names.filter((k) => !manifest[k]?.generated).sort()).toEqual(readdirSync(CORPUS).sort());
    expect(names.filter((k) => manifest[k]?.generated).sort()).toEqual(['huge-label.json', 'literal-over-limit.json']);
    for (const name of names) {
      const exp = manifest[name] as Expected;
      const text = exp.generated ? generated(name) : readFileSync(join(CORPUS, name), 'utf8');
      if (exp.generated) await putInPasteBox(page, text);
      else await page.fill(PASTE, text);
      // a real click on Load; `force` only skips the wait-for-stable frames (74 loads)
      await page.click(LOAD, { force: true });
      await page.waitForSelector(PANEL);
      const seen = await afterLoad(page);
      const hit = seen.problems.find(
        (p) => p.field === exp.field && (exp.node === undefined || p.node === exp.node) && (!exp.contains || p.text.includes(exp.contains)),
      );
      expect(hit, `${name}: ${JSON.stringify(seen.problems).slice(0, 400)}`).toBeDefined();
      expect(seen, name).toMatchObject({
        heading: 'That graph file was not loaded',
        // nothing pasted is lost; the previous graph is still on screen
        paste: { length: text.length, hash: fnv1a(text) },
        title: EX01_TITLE,
        edges: expect.any(Number),
        counter: `0 / ${n}`,
      });
      expect(seen.edges, name).toBeGreaterThan(0);
    }
    expect(w.errors).toEqual([]);
  }, 240_000); // ~85 files through the paste box, each re-rendering the page: minutes on a loaded 2-core machine

  test('NaN/Inf: typed NaN refused and located; log of a negative and √0’s backward marked where they first appear; stepping works', async () => {
    const page = await open('?graph=ex01-scalar-chain-rule');
    await ready(page);
    await page.getByRole('button', { name: 'Paste JSON…' }).click();
    await paste(page, JSON.stringify(FORWARD_NAN_GRAPH));
    await expect.poll(() => graphTitle(page)).toBe('log of a negative number');
    const notice = '[data-testid=fault-notice]';
    expect(await page.getAttribute(notice, 'data-node')).toBe('lx');
    expect(await page.textContent(notice)).toContain('It first appears at node “lx”, step 1 of 5 (forward pass)');
    await blur(page);
    await drawn(page);
    await page.keyboard.press('ArrowRight');
    expect(await counterText(page)).toBe('1 / 5');
    await expect.poll(() => faultMarked(page)).toEqual(['lx']);
    expect(await page.textContent('[data-testid=commentary]')).toContain('⚠ value of "lx" contains NaN or Inf');
    await shot(page, 'fault-forward-log-of-negative');

    // a NaN typed into x: refused, located at x/value, the field keeps it and is marked; the run stays
    await page.click('[data-testid=node-x] .gf-num--editable');
    await page.fill('[data-testid=node-x] input', 'NaN');
    await page.keyboard.press('Enter');
    await page.waitForSelector(PANEL);
    expect(await problems(page)).toEqual([expect.objectContaining({ node: 'x', field: 'value' })]);
    expect(await page.textContent('[data-testid=node-x] .gf-num--editable.is-invalid')).toBe('NaN');
    await blur(page);
    await page.keyboard.press('ArrowRight');
    expect(await counterText(page)).toBe('2 / 5');
    await expect.poll(() => faultMarked(page)).toEqual(['L', 'lx']);
    await shot(page, 'fault-typed-nan-refused');

    // backward only: √x at 0
    await paste(page, JSON.stringify(BACKWARD_INF_GRAPH));
    await expect.poll(() => graphTitle(page)).toBe('square root at zero');
    expect(await page.textContent(notice)).toContain(
      'It first appears at node “r”, step 5 of 5 (backward pass): gradient of "r" contains NaN or Inf',
    );
    await blur(page);
    await drawn(page);
    await page.keyboard.press('End');
    expect(await counterText(page)).toBe('5 / 5');
    await expect.poll(() => faultMarked(page)).toEqual(['r']);
    await page.keyboard.press('ArrowLeft');
    expect(await counterText(page)).toBe('4 / 5');
    await expect.poll(() => faultMarked(page)).toEqual([]);
    await page.click(`${notice} button`);
    expect(await counterText(page)).toBe('5 / 5');
    await expect.poll(() => page.textContent('[data-testid=inspector-title]')).toBe('r');
    await expect.poll(() => faultMarked(page)).toEqual(['r']);
    await shot(page, 'fault-backward-sqrt-at-zero');
    expect(w.errors).toEqual([]);
  });

  test('hostile text in the app: shown as text everywhere, no script runs, no markup or link is made, the SVG export is clean', async () => {
    const page = await open('?graph=ex01-scalar-chain-rule');
    await ready(page);
    await page.getByRole('button', { name: 'Paste JSON…' }).click();
    await paste(page, JSON.stringify(HOSTILE_GRAPH));
    await expect.poll(() => graphTitle(page)).toBe(shownAs('title'));
    expect(await page.textContent('[data-testid=node-y] .gf-node__label')).toBe(shownAs('label y'));
    expect(await page.textContent('[data-testid=group-g] .gf-frame__label')).toBe(shownAs('group'));
    await blur(page);
    await drawn(page);
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    expect(await counterText(page)).toBe('6 / 6');
    expect(await page.textContent('[data-testid=commentary]')).toBe(`backward${shownAs('backward y')}`);
    await page.click('[data-testid=node-y] .gf-node__head');
    await expect.poll(() => page.textContent('[data-testid=inspector-title]')).toBe(shownAs('label y'));
    expect(await page.textContent('[data-testid=node-inspector] .gf-note')).toBe(shownAs('note y'));
    // the other objective and the other option value: both recompute with the text intact
    await page.selectOption('select[aria-label=objective]', 'M');
    await expect
      .poll(() => page.$eval('select[aria-label=objective]', (e) => (e as HTMLSelectElement).selectedOptions[0]?.textContent))
      .toBe(shownAs('objective M'));
    const optionSelect = page.locator('.gf-toolbar label.gf-option', { hasText: 'option:' }).locator('select');
    await optionSelect.selectOption('1');
    await expect
      .poll(() => optionSelect.evaluate((e) => (e as HTMLSelectElement).selectedOptions[0]?.textContent))
      .toBe(HOSTILE_GRAPH.options[0]?.values[1]);
    await shot(page, 'hostile-text');

    const [svgDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'SVG', exact: true }).click(),
    ]);
    const svg = await readDownload(svgDownload);
    const exported = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const bad = [...doc.querySelectorAll('script, foreignObject, image, a, iframe')].map((e) => e.tagName);
      for (const el of doc.querySelectorAll('*'))
        for (const a of el.attributes) if (/^on/i.test(a.name) || /javascript:/i.test(a.value)) bad.push(a.name);
      return { parsed: !doc.querySelector('parsererror'), bad, text: doc.documentElement.textContent ?? '' };
    }, svg);
    expect(exported.parsed).toBe(true);
    expect(exported.bad).toEqual([]);
    expect(exported.text).toContain(shownAs('label y'));

    const origin = new URL(base).origin;
    expect(await liveMarkup(page, origin)).toEqual([]);
    expect(await page.evaluate((f) => (window as unknown as Record<string, unknown>)[f], FLAG)).toBeUndefined();
    expect(w.errors).toEqual([]);
    // the detector is live on this page: the same text as markup does run
    await page.evaluate((html) => {
      const d = document.createElement('div');
      d.innerHTML = html;
      document.body.append(d);
    }, HOSTILE_GRAPH.title);
    await expect.poll(() => page.evaluate((f) => (window as unknown as Record<string, unknown>)[f], FLAG)).toBe('img');
  });

  test('loading: a same-origin ?src link loads and stays in the URL; another origin, an oversize body, a 404, an oversize file are refused', async () => {
    const good = JSON.stringify({
      title: 'my graph',
      nodes: [
        { id: 'a', op: 'leaf', value: 3, role: 'param' },
        { id: 'sq', op: 'square', inputs: ['a'] },
        { id: 'L', op: 'scale', inputs: ['sq'], attrs: { by: 2 } },
      ],
      objectives: [{ name: 'L', node: 'L' }],
    });
    const requests: string[] = [];
    // by path: a glob would also match the page's own URL, whose query ends in the same path
    const at = (path: string) => (u: URL) => u.pathname === path;
    w = await pages.open();
    const page = w.page;
    page.on('request', (r) => requests.push(r.url()));
    await page.route(at('/graphs/mine.json'), (r) => r.fulfill({ status: 200, contentType: 'application/json', body: good }));
    await page.route(at('/graphs/big.json'), (r) =>
      r.fulfill({ status: 200, contentType: 'application/json', body: ' '.repeat(6 * 1024 * 1024) }),
    );
    await page.route(at('/graphs/gone.json'), (r) => r.fulfill({ status: 404, body: 'not here' }));

    // same origin: loads, the link keeps src and follows the cursor
    await page.goto(`${base}?src=/graphs/mine.json&step=2`);
    await expect.poll(() => graphTitle(page), { timeout: 30_000 }).toBe('my graph');
    await expect.poll(() => counterText(page)).toBe('2 / 5');
    expect(await page.textContent('.gf-current-custom')).toBe('my graph (from /graphs/mine.json)');
    // keys act at once when the canvas says it has drawn the graph
    await drawn(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => new URL(page.url()).search).toBe('?src=%2Fgraphs%2Fmine.json&step=3');
    expect(
      requests.filter((u) => u.endsWith('/graphs/mine.json')),
      requests.join('\n'),
    ).toHaveLength(1);

    // another origin: refused without a request; the first exercise is on screen under the message
    for (const src of ['http://evil.localhost:9/g.json', '//evil.localhost/g.json', 'javascript:alert(1)']) {
      await page.goto(`${base}?src=${encodeURIComponent(src)}`);
      await page.waitForSelector(PANEL);
      const [p] = await problems(page);
      expect(p?.field, src).toBe('src');
      expect(p?.text, src).toMatch(src.startsWith('javascript') ? /is a javascript: URL/ : /not on this site/);
      await expect.poll(() => graphTitle(page)).toBe(EX01_TITLE);
      await expect.poll(() => page.$('[data-testid=canvas]')).not.toBeNull();
    }
    expect(requests.filter((u) => new URL(u).hostname !== new URL(base).hostname)).toEqual([]);

    // over the size limit, and missing
    await page.goto(`${base}?src=/graphs/big.json`);
    await page.waitForSelector(PANEL);
    expect(await problems(page)).toEqual([
      {
        node: '',
        field: '<graph>',
        text: 'graph, field <graph>: /graphs/big.json is 6.0 MB (6291456 bytes); the limit is 5.0 MB (5242880 bytes)',
      },
    ]);
    await page.goto(`${base}?src=/graphs/gone.json`);
    await page.waitForSelector(PANEL);
    expect((await problems(page))[0]?.text).toBe('graph, field src: /graphs/gone.json answered 404 Not Found');
    await expect.poll(() => graphTitle(page)).toBe(EX01_TITLE);

    // a picked file over the limit is refused unread; the paste box keeps what the user typed
    await page.getByRole('button', { name: 'Paste JSON…' }).click();
    await page.fill(PASTE, '{ "my": "draft" }');
    await page.click(`${PANEL} button[aria-label=dismiss]`);
    await page.setInputFiles('[data-testid=file-input]', {
      name: 'big.json',
      mimeType: 'application/json',
      buffer: Buffer.alloc(6 * 1024 * 1024, 32),
    });
    await page.waitForSelector(PANEL);
    expect((await problems(page))[0]).toEqual({
      node: '',
      field: '<graph>',
      text: 'graph, field <graph>: big.json is 6.0 MB (6291456 bytes); the limit is 5.0 MB (5242880 bytes)',
    });
    expect(await page.inputValue(PASTE)).toBe('{ "my": "draft" }');
    expect(await graphTitle(page)).toBe(EX01_TITLE);
    // a good file loads (and still leaves the paste box alone)
    await page.setInputFiles('[data-testid=file-input]', { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(good) });
    await expect.poll(() => graphTitle(page)).toBe('my graph');
    expect(await page.inputValue(PASTE)).toBe('{ "my": "draft" }');
    expect(w.errors.filter((e) => !/404|Failed to load resource/.test(e))).toEqual([]);
  });
});
