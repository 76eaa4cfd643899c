import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launch, openPage } from '../e2e/browser';
import { realErrors } from './pages';
import { type StaticServer, serveStatic } from './static-server';

// Compare mode in an embed: the `compare` attribute of <gradflow-graph> (the React prop of the same name).
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>compare</title></head><body><main>
<h1>Plain vs residual</h1>
<gradflow-graph graph="ex09-residual-flow" compare="residual=true" controls="steps" height="720"></gradflow-graph>
</main><script type="module" src="/gradflow-element.js"></script></body></html>`;

let browser: Browser;
let lib: StaticServer;

beforeAll(async () => {
  browser = await launch();
  lib = await serveStatic(inject('libDir'), { pages: { '/compare.html': PAGE } });
});
afterAll(async () => {
  await browser?.close();
  await lib?.close();
});

test('<gradflow-graph compare="residual=true">: two panes in the shadow root, its keys step both, aligned by node and phase', {
  timeout: 120_000,
}, async () => {
  const w = await openPage(browser);
  const { page } = w;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${lib.url}compare.html`);
  const el = page.locator('gradflow-graph');
  // Both panes' canvases have drawn their graphs: A's takes the keys from then on, B follows it.
  for (const side of ['A', 'B'])
    await el
      .locator(`[data-testid=compare-pane-${side}] [data-testid=canvas][data-drawn=true]`)
      .waitFor({ state: 'attached', timeout: 60_000 });
  await el.locator('[data-testid=compare-step-B]').waitFor();
  await expect.poll(async () => (await el.locator('[data-testid=compare-options-B]').textContent()) ?? '').toContain('residual = true');
  expect(await el.locator('[data-testid=compare-options-A]').textContent()).toContain('residual = false');
  await el.locator('[data-testid=commentary]').click();
  for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowRight');
  const read = (id: string) =>
    el.locator(`[data-testid=${id}]`).evaluate((e) => {
      const d = (e as HTMLElement).dataset;
      return { cursor: Number(d.cursor), node: d.node, phase: d.phase, counterpart: d.counterpart };
    });
  await expect.poll(async () => (await read('compare-step-A')).cursor).toBe(25);
  const a = await read('compare-step-A');
  const b = await read('compare-step-B');
  expect(b.counterpart).toBe('yes');
  expect([b.node, b.phase]).toEqual([a.node, a.phase]);
  // Residual runs more steps (its Fₖ branch): B is further along its own trace for the same moment.
  expect(b.cursor).toBeGreaterThan(25);
  await page.screenshot({ path: '/tmp/gradflow-compare-embed.png' });
  expect(realErrors(w.errors)).toEqual([]);
  await w.context.close();
});
