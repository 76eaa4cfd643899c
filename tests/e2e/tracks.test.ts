import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { graphReady } from '../../bench/ui/legibility';
import { catalogueIds, launch, openPage } from './browser';

const base = inject('baseUrl');
const SHOTS = process.env.GF_TRACK_SHOTS ?? '/tmp/gradflow-tracks';
let browser: Browser;
let ids: string[] = [];

beforeAll(async () => {
  browser = await launch();
  ids = await catalogueIds(browser, base);
});
afterAll(async () => {
  await browser?.close();
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the page shows at a stop, read from the DOM and the page's store. */
interface Seen {
  bar: string;
  /** The track bar's aria-busy: a stop's options are being computed. */
  busy: string;
  options: Record<string, unknown>;
  /** The step just done: its node and phase, and where it sent gradients. */
  step: { node: string; phase: string; sent: string[] } | null;
  cursor: number;
  total: number;
  callout: { text: string; anchor: string; stopFlow: string; activeFlow: string; box: Box } | null;
  /** Screen boxes of graph nodes, by id (those drawn). */
  nodes: Record<string, Box>;
  flow: Box;
  search: string;
  stop: { title?: string; callout?: string; at: { phase: string; node?: string }; anchor?: unknown; set?: Record<string, unknown> };
  stops: number;
  defaults: Record<string, unknown>;
  sets: Record<string, unknown>[];
}

const seen = (page: Page, k: number): Promise<Seen> =>
  page.evaluate((k) => {
    const s = (globalThis as any).__gradflow.getState();
    const box = (el: Element | null) => {
      const r = el?.getBoundingClientRect();
      return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : { x: 0, y: 0, width: 0, height: 0 };
    };
    const step = s.run.trace.steps[s.cursor - 1];
    const c = document.querySelector('[data-testid=track-callout]');
    const nodes: Record<string, Box> = {};
    for (const el of document.querySelectorAll('.react-flow__node')) nodes[(el as HTMLElement).dataset.id ?? ''] = box(el);
    const track = s.run.graph.tracks[0];
    return {
      bar: (document.querySelector('[data-testid=track-stop]')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      busy: document.querySelector('[data-testid=track-bar]')?.getAttribute('aria-busy') ?? '',
      options: s.run.options,
      step: step ? { node: step.node, phase: step.phase, sent: (step.sent ?? []).map((g: { to: string }) => g.to) } : null,
      cursor: s.cursor,
      total: s.run.trace.steps.length,
      callout: c
        ? {
            text: c.querySelector('.gf-callout__text')?.textContent ?? '',
            anchor: (c as HTMLElement).dataset.anchorFlow ?? '',
            stopFlow: (c as HTMLElement).dataset.stopFlow ?? '',
            activeFlow: (c as HTMLElement).dataset.activeFlow ?? '',
            box: box(c),
          }
        : null,
      nodes,
      flow: box(document.querySelector('[data-testid=canvas-flow]')),
      search: location.search,
      stop: track.stops[k],
      stops: track.stops.length,
      defaults: Object.fromEntries(s.run.graph.options.map((o: { name: string; default: unknown }) => [o.name, o.default])),
      sets: track.stops.map((x: { set?: Record<string, unknown> }) => x.set ?? {}),
    };
  }, k);

const inside = (b: Box, f: Box) =>
  b.width > 0 && b.x >= f.x - 1 && b.y >= f.y - 1 && b.x + b.width <= f.x + f.width + 1 && b.y + b.height <= f.y + f.height + 1;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Waits for stop k (0-based) of N to be on screen: the bar says so, the callout is drawn, nothing
 * is computing, and the canvas has drawn the stop's graph. A stop that switches options (ex09's
 * "Residual") is reached with the new run while the canvas still lays the new graph out: the
 * camera frames the stop only on the new layout, so before it draws, the anchor may be anywhere.
 */
async function atStop(page: Page, k: number, what = ''): Promise<void> {
  await page
    .waitForFunction(
      (k) => {
        const bar = document.querySelector('[data-testid=track-bar]');
        const where = bar?.querySelector('[data-testid=track-stop]')?.textContent ?? '';
        return (
          bar?.getAttribute('aria-busy') === 'false' &&
          new RegExp(`stop ${k + 1} / \\d+`).test(where) &&
          document.querySelector('[data-testid=track-callout]') !== null &&
          (globalThis as any).__gradflow.getState().requested === null &&
          document.querySelector<HTMLElement>('[data-testid=canvas]')?.dataset.drawn === 'true'
        );
      },
      k,
      { timeout: 60_000 },
    )
    .catch(async (e: Error) => {
      await page.screenshot({ path: `${SHOTS}-FAILED-${what}-stop${k + 1}.png` });
      const state = await page.evaluate(() => {
        const s = (globalThis as any).__gradflow.getState();
        return { cursor: s.cursor, options: s.run?.options, requested: s.requested !== null, problems: s.problems };
      });
      throw new Error(`${what} stop ${k + 1} never showed (${JSON.stringify(state)}): ${e.message}`);
    });
  // two frames: the camera has landed (reduced motion) and the callout follows it
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Everything a stop must show; returns the problems found (empty = all good). The callout covers
 * none of the nodes it must keep clear: its anchor's, the stop's node and the node of the step
 * just done (lit on the canvas), at 1920×1080 and at 1280×720 alike.
 */
function checkStop(id: string, k: number, v: Seen): string[] {
  const out: string[] = [];
  const where = `${id} stop ${k + 1}`;
  const at = v.stop.at;
  if (at.phase === 'start' && v.cursor !== 0) out.push(`${where}: cursor ${v.cursor}, want 0`);
  if (at.phase === 'end' && v.cursor !== v.total) out.push(`${where}: cursor ${v.cursor}, want ${v.total}`);
  if (at.phase === 'forward' && (v.step?.node !== at.node || v.step?.phase !== 'forward'))
    out.push(`${where}: step ${JSON.stringify(v.step)}, want forward ${at.node}`);
  if (at.phase === 'backward') {
    const own = v.step?.node === at.node && (v.step?.phase === 'backward' || v.step?.phase === 'seed');
    if (!own && !v.step?.sent.includes(at.node as string)) out.push(`${where}: step ${JSON.stringify(v.step)}, want backward ${at.node}`);
  }
  if (v.callout?.text !== v.stop.callout) out.push(`${where}: callout ${JSON.stringify(v.callout?.text)}`);
  const want: Record<string, unknown> = { ...v.defaults };
  for (const s of v.sets.slice(0, k + 1)) Object.assign(want, s);
  for (const [name, value] of Object.entries(want))
    if (String(v.options[name]) !== String(value)) out.push(`${where}: option ${name} = ${String(v.options[name])}, want ${String(value)}`);
  const anchorIds = (v.callout?.anchor ?? '').split('->');
  for (const a of anchorIds) {
    const b = v.nodes[a];
    if (!b || !inside(b, v.flow)) out.push(`${where}: anchor node ${a} not on screen`);
  }
  const clear: [string, string][] = [
    ...anchorIds.map((a): [string, string] => ['anchor node', a]),
    ['stop node', v.callout?.stopFlow ?? ''],
    ['active node', v.callout?.activeFlow ?? ''],
  ];
  for (const [what, flow] of clear) {
    const b = flow ? v.nodes[flow] : undefined;
    if (b && v.callout && overlap(v.callout.box, b)) out.push(`${where}: the callout covers the ${what} ${flow}`);
  }
  if (v.callout && !inside(v.callout.box, v.flow)) out.push(`${where}: the callout leaves the canvas`);
  return out;
}

describe('lecture tracks: every exercise, played by → alone in presenter mode', () => {
  test('the catalogue has the eleven bundled graphs, each with a track', () => {
    expect(ids).toHaveLength(11);
  });

  test('1920×1080: → goes stop by stop to the last; each stop shows its moment, callout, anchor and options', {
    timeout: 900_000,
  }, async () => {
    const failures: string[] = [];
    for (const id of ids) {
      const { page, context, errors } = await openPage(browser, { viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
      await page.goto(`${base}?graph=${id}&present=1&track=1`);
      await graphReady(page);
      await atStop(page, 0, id);
      let v = await seen(page, 0);
      const n = v.stops;
      failures.push(...checkStop(id, 0, v));
      for (let k = 1; k < n; k++) {
        await page.keyboard.press('ArrowRight');
        await atStop(page, k, id);
        v = await seen(page, k);
        failures.push(...checkStop(id, k, v));
        if (!v.search.includes(`track=1&stop=${k + 1}`)) {
          await expect.poll(() => page.evaluate(() => location.search)).toContain(`track=1&stop=${k + 1}`);
        }
        if (k === 1 || k === n - 1) await page.screenshot({ path: `${SHOTS}-${id}-1920-stop${k + 1}.png` });
      }
      // The last stop is the end of the track: → stays there.
      expect(v.bar, id).toContain(`stop ${n} / ${n}`);
      // The key is handled as it is dispatched: a move would already show (busy, or another cursor).
      await page.keyboard.press('ArrowRight');
      const after = await seen(page, n - 1);
      expect([after.cursor, after.bar, after.busy], id).toEqual([v.cursor, v.bar, 'false']);
      expect(errors, id).toEqual([]);
      await context.close();
    }
    expect(failures).toEqual([]);
  });

  test('1280×720: the stops still fit (callout on the canvas, ≥ 16 px, off its anchor, stop and active nodes; anchor on screen)', {
    timeout: 900_000,
  }, async () => {
    const failures: string[] = [];
    for (const id of ids) {
      const { page, context } = await openPage(browser, { viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
      await page.goto(`${base}?graph=${id}&present=1&track=1`);
      await graphReady(page);
      await atStop(page, 0);
      const first = await seen(page, 0);
      failures.push(...checkStop(id, 0, first));
      const n = first.stops;
      for (let k = 1; k < n; k++) {
        await page.keyboard.press('ArrowRight');
        await atStop(page, k, id);
        failures.push(...checkStop(id, k, await seen(page, k)));
        const px = await page.$eval('[data-testid=track-callout]', (e) => Number.parseFloat(getComputedStyle(e).fontSize));
        if (px < 16) failures.push(`${id} stop ${k + 1}: callout text ${px} px`);
        await page.screenshot({ path: `${SHOTS}-${id}-1280-stop${k + 1}.png` });
      }
      await context.close();
    }
    expect(failures).toEqual([]);
  });
});

describe('track links and chapter marks', () => {
  test('track=1&stop=3 reopens at stop 3 with its options; ← goes back a stop; the scrubber has a mark per stop', {
    timeout: 120_000,
  }, async () => {
    const { page, context } = await openPage(browser, { viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
    await page.goto(`${base}?graph=ex04-vanishing-gradients&present=1&track=1&stop=7`);
    await graphReady(page);
    await atStop(page, 6);
    let v = await seen(page, 6);
    expect(checkStop('ex04 link', 6, v)).toEqual([]);
    expect(v.options).toMatchObject({ residual: true, activation: 'sigmoid' });
    await page.screenshot({ path: `${SHOTS}-ex04-link-stop7.png` });
    const marks = await page.$$eval('[data-testid=chapter-mark]', (els) => els.map((e) => (e as HTMLElement).title));
    expect(marks).toHaveLength(v.stops);
    expect(marks[6]).toBe('Stop 7: Residual, back to sigmoid');
    await page.keyboard.press('ArrowLeft');
    await atStop(page, 5);
    v = await seen(page, 5);
    expect(checkStop('ex04 ←', 5, v)).toEqual([]);
    expect(v.options).toMatchObject({ residual: false, activation: 'relu', init: 'he' });
    await expect.poll(() => page.evaluate(() => location.search)).toContain('track=1&stop=6');
    // the address bar now reopens the same stop
    const search = await page.evaluate(() => location.search);
    await page.goto(`${base}${search}`);
    await graphReady(page);
    await atStop(page, 5);
    expect(checkStop('ex04 reload', 5, await seen(page, 5))).toEqual([]);
    await context.close();

    const { page: p2, context: c2 } = await openPage(browser, { viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
    await p2.goto(`${base}?graph=ex03-two-layer-backprop&present=1&track=1&stop=3`);
    await graphReady(p2);
    await atStop(p2, 2);
    expect(checkStop('ex03 link', 2, await seen(p2, 2))).toEqual([]);
    await c2.close();
  });

  test('a link to a stop or a track that does not exist says so and leaves the graph working', { timeout: 120_000 }, async () => {
    const { page, context, errors } = await openPage(browser, { viewport: { width: 1280, height: 720 } });
    for (const [q, text] of [
      ['track=1&stop=99', 'Track 1 has 6 stops: there is no stop 99.'],
      ['track=4&stop=1', 'There is no track 4: this graph has 1 track.'],
      ['track=one', 'The link’s track=one is not a number from 1: the track was not started.'],
    ] as const) {
      await page.goto(`${base}?graph=ex03-two-layer-backprop&present=1&${q}`);
      await graphReady(page);
      await expect.poll(() => page.textContent('[data-testid=track-notice]')).toContain(text.replace('’', "'"));
      // no track plays: → steps one step as usual
      const before = await page.evaluate(() => (globalThis as any).__gradflow.getState().cursor);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.evaluate(() => (globalThis as any).__gradflow.getState().cursor)).toBe(before + 1);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
