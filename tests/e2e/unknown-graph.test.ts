import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launch, openPage } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test('?graph=<unknown id> shows the error, never a different graph', async () => {
  const w = await openPage(browser);
  await w.page.goto(`${inject('baseUrl')}?graph=ex99-no-such-exercise&step=3`);
  const panel = await w.page.waitForSelector('[data-testid=error-panel]', { timeout: 30_000 });
  expect(await panel.textContent()).toContain('no exercise "ex99-no-such-exercise"');
  expect(await panel.textContent()).not.toContain('last good run');
  // the engine is up (the graph list has loaded) and still no graph is drawn
  await w.page.waitForSelector('nav.gf-graphlist li button', { timeout: 30_000 });
  expect(await w.page.$$('[data-testid^="node-"]:not([data-testid=node-inspector])')).toHaveLength(0);
  expect(await w.page.$('[data-testid=gf-edge]')).toBeNull();
  await w.context.close();
});
