import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { CHROMIUM_ARGS } from '../../vitest.config';

/** Debian's Chromium with the flags of docs/TOOLCHAIN.md (never a downloaded browser). */
export const launch = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

export interface Watched {
  page: Page;
  context: BrowserContext;
  /** console.error messages and uncaught page errors seen so far. */
  errors: string[];
}

export interface PageOptions {
  reducedMotion?: 'reduce' | 'no-preference';
  /** Default 1280×800. */
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
}

/** A fresh page (1280×800 unless told) that records console errors and page errors. */
export async function openPage(browser: Browser, o: PageOptions = {}): Promise<Watched> {
  const context = await browser.newContext({
    viewport: o.viewport ?? { width: 1280, height: 800 },
    reducedMotion: o.reducedMotion,
    acceptDownloads: o.acceptDownloads,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, context, errors };
}

/**
 * One browser per test file and pages that close after each test: call once at the top of a
 * test file. `open()` is openPage on that browser; every page it opened is closed after the test.
 */
export function pagesPerTest(): { browser: () => Browser; open: (o?: Parameters<typeof openPage>[1]) => Promise<Watched> } {
  let browser: Browser | undefined;
  const opened: Watched[] = [];
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const w of opened.splice(0)) await w.context.close();
  });
  const get = (): Browser => {
    if (!browser) throw new Error('pagesPerTest: the browser opens in beforeAll');
    return browser;
  };
  return {
    browser: get,
    open: async (o) => {
      const w = await openPage(get(), o);
      opened.push(w);
      return w;
    },
  };
}

/** Serves `body` (a graph file) at /graphs/<name>.json to this page; returns the path for a `src=` link. */
export async function serveGraph(page: Page, name: string, body: string): Promise<string> {
  const path = `/graphs/${name}.json`;
  await page.route(
    (u) => u.pathname === path,
    (r) => r.fulfill({ status: 200, contentType: 'application/json', body }),
  );
  return path;
}

export const counterText = async (page: Page): Promise<string> =>
  ((await page.textContent('[data-testid=step-counter]')) ?? '').replace(/\s+/g, ' ').trim();

/** Waits until the canvas says it has drawn the graph the explorer holds now. */
export const drawn = (page: Page): Promise<unknown> =>
  page.waitForSelector('[data-testid=canvas][data-drawn=true]', { timeout: 30_000, state: 'attached' });

/** Waits until the canvas shows the graph (edges drawn) and the counter reads `k / N`. */
export async function ready(page: Page): Promise<{ k: number; n: number }> {
  await page.waitForSelector('[data-testid=gf-edge]', { timeout: 30_000, state: 'attached' });
  await drawn(page);
  await page.waitForFunction(() => /\d+ \/ [1-9]/.test(document.querySelector('[data-testid=step-counter]')?.textContent ?? ''));
  const [k, n] = (await counterText(page)).split(' / ').map(Number) as [number, number];
  return { k, n };
}

/** data-phase and data-grad-norm of every edge, by edge id. */
export const edgeStates = (page: Page): Promise<Record<string, { phase: string; norm: string }>> =>
  page.$$eval('[data-testid=gf-edge]', (els) =>
    Object.fromEntries(
      els.map((e) => [
        (e as HTMLElement).dataset.edgeId,
        { phase: (e as HTMLElement).dataset.phase ?? '', norm: (e as HTMLElement).dataset.gradNorm ?? '' },
      ]),
    ),
  );

/** The catalogue's graph ids, read from the built app at `base` in a context of its own. */
export async function catalogueIds(browser: Browser, base: string): Promise<string[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base);
  await page.waitForFunction(() => ((globalThis as any).__gradflow?.getState().catalogue?.length ?? 0) > 0);
  const ids = await page.evaluate(() => (globalThis as any).__gradflow.getState().catalogue.map((e: { id: string }) => e.id));
  await context.close();
  return ids;
}
