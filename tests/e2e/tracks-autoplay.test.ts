import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { graphReady } from '../../bench/ui/legibility';
import { ACT_SWITCH } from '../tracks/fixtures';
import { launch, serveGraph } from './browser';

const base = inject('baseUrl');
const SHOTS = process.env.GF_TRACK_SHOTS ?? '/tmp/gradflow-tracks';
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A tour with short pauses (the third one longer, to press a key in) and an option switch. */
const tour = JSON.stringify({
  title: 'a short tour',
  ...ACT_SWITCH,
  tracks: [
    {
      title: 'autoplay',
      stops: [
        { title: 'one', at: { phase: 'forward', node: 'h' }, callout: 'h = w·x', pause: 0.4 },
        { title: 'two', at: { phase: 'forward', node: 'y' }, callout: 'y = σ(h)', pause: 0.4 },
        { title: 'three', at: { phase: 'backward', node: 'h' }, set: { act: 'relu' }, callout: 'relu now', pause: 2.5 },
        { title: 'four', at: { phase: 'backward', node: 'w' }, callout: 'w’s gradient', pause: 2.5 },
        { title: 'five', at: { phase: 'end' }, anchor: { node: 'y' }, callout: 'done' },
      ],
    },
  ],
});

/**
 * Opens the tour; the page records, in order, every stop the track bar shows once it is no
 * longer computing (so each stop counts once, however long it holds).
 */
async function open(reduced: boolean, query: string, o: { clock?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1920, height: 1080 },
    reducedMotion: reduced ? 'reduce' : 'no-preference',
  });
  const page = await context.newPage();
  const src = await serveGraph(page, 'auto', tour);
  await page.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as any).__stops = seen;
    const look = () => {
      const bar = document.querySelector('[data-testid=track-bar]');
      const m = /stop (\d+) \//.exec(bar?.querySelector('[data-testid=track-stop]')?.textContent ?? '');
      if (m && bar?.getAttribute('aria-busy') === 'false' && seen[seen.length - 1] !== m[1]) seen.push(m[1] as string);
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  // The page's timers on Playwright's clock (it runs on as usual): `heldStill` can run it ahead.
  if (o.clock) await page.clock.install();
  await page.goto(`${base}?src=${src}&present=1&${query}`);
  await graphReady(page);
  return page;
}

const stops = (page: Page): Promise<string[]> => page.evaluate(() => [...(globalThis as any).__stops]);
const playing = (page: Page) => page.getAttribute('[data-testid=track-play]', 'aria-pressed');
const options = (page: Page) => page.evaluate(() => (globalThis as any).__gradflow.getState().run.options);
const cursor = (page: Page): Promise<number> => page.evaluate(() => (globalThis as any).__gradflow.getState().cursor);

/**
 * Runs the page's clock `ms` ahead: every timer due meanwhile (a stop's hold among them) fires
 * before this returns, and a stop it moves to changes the cursor as it fires. Resolves the
 * cursor before and after (open the page with `clock: true`).
 */
async function heldStill(page: Page, ms: number): Promise<{ before: number; after: number }> {
  const before = await cursor(page);
  await page.clock.runFor(ms);
  return { before, after: await cursor(page) };
}

describe('play track: the track plays by itself', () => {
  test('autoplay=1 plays every stop in order, each once, and stops at the last; the link carries autoplay while it plays', {
    timeout: 120_000,
  }, async () => {
    const page = await open(false, 'track=1&autoplay=1');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await expect.poll(() => playing(page), { timeout: 30_000 }).toBe('true');
    await expect.poll(() => page.evaluate(() => location.search), { timeout: 10_000 }).toContain('autoplay=1');
    await expect.poll(() => stops(page), { timeout: 30_000 }).toContain('3');
    await page.screenshot({ path: `${SHOTS}-autoplay-1920-stop3.png` });
    await expect.poll(() => stops(page), { timeout: 60_000 }).toEqual(['1', '2', '3', '4', '5']);
    await expect.poll(() => playing(page)).toBe('false');
    expect(await options(page)).toMatchObject({ act: 'relu' });
    await expect.poll(() => page.evaluate(() => location.search)).toContain('track=1&stop=5');
    expect(await page.evaluate(() => location.search)).not.toContain('autoplay');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('reduced motion: a link waits for P; then any key, or a click, stops the play where it is', { timeout: 120_000 }, async () => {
    const page = await open(true, 'track=1&stop=1&autoplay=1', { clock: true });
    await expect.poll(() => page.textContent('[data-testid=track-notice]'), { timeout: 30_000 }).toContain('Reduced motion is on');
    // longer than stop 1's pause: it has not moved on
    let still = await heldStill(page, 1500);
    expect(still.after).toBe(still.before);
    expect(await stops(page)).toEqual(['1']);
    expect(await playing(page)).toBe('false');

    await page.keyboard.press('p');
    await expect.poll(() => stops(page), { timeout: 30_000 }).toEqual(['1', '2', '3']);
    expect(await playing(page)).toBe('true');
    await page.keyboard.press('x'); // a key that does nothing else
    expect(await playing(page)).toBe('false');
    still = await heldStill(page, 3000); // past stop 3's pause
    expect(still.after).toBe(still.before);
    expect(await stops(page)).toEqual(['1', '2', '3']);

    // P again plays on from stop 3; a click on the canvas stops it there
    await page.keyboard.press('P');
    await expect.poll(() => playing(page)).toBe('true');
    await page.mouse.click(960, 400);
    expect(await playing(page)).toBe('false');
    still = await heldStill(page, 3000);
    expect(still.after).toBe(still.before);
    expect(await stops(page)).toEqual(['1', '2', '3']);

    // the button plays on and stops it too
    await page.click('[data-testid=track-play]');
    await expect.poll(() => stops(page), { timeout: 30_000 }).toEqual(['1', '2', '3', '4']);
    await page.screenshot({ path: `${SHOTS}-autoplay-1920-button.png` });
    await page.click('[data-testid=track-play]');
    expect(await playing(page)).toBe('false');
    still = await heldStill(page, 3000); // past stop 4's pause
    expect(still.after).toBe(still.before);
    expect(await stops(page)).toEqual(['1', '2', '3', '4']);
    await page.context().close();
  });
});
