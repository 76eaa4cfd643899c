import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launch, openPage } from '../e2e/browser';
import { expectCounters, explorersReady, realErrors } from './pages';
import { type StaticServer, serveStatic } from './static-server';

let browser: Browser;
let app: StaticServer;

beforeAll(async () => {
  browser = await launch();
  app = await serveStatic(inject('reactAppDir'));
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("the README React snippet, in a host app built with Vite from `npm pack`'s tarball", () => {
  test('the host installs the tarball beside react and react-dom only: every other runtime import is declared or bundled', () => {
    // gradflow's one dependency (React Flow's store needs it) and React's own (scheduler), nothing else.
    expect([...inject('hostPackages')].sort()).toEqual(['gradflow', 'react', 'react-dom', 'scheduler', 'use-sync-external-store']);
  });

  test('both explorers render with their props, step independently, and onStepChange reports', async () => {
    const w = await openPage(browser);
    const { page } = w;
    const logged: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'log') logged.push(m.text());
    });
    await page.goto(app.url);
    expect(await explorersReady(page, 2)).toEqual(['8 / 9', '0 / 83']);
    // controls="steps": no toolbar on the first; the second is the full explorer with its options.
    expect(await page.$$eval('[data-testid=explorer]', (xs) => xs.map((x) => !!x.querySelector('.gf-toolbar')))).toEqual([false, true]);
    expect(await page.$eval('select[aria-label="Activation"]', (e) => (e as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(
      'relu',
    );
    expect(await page.$$eval('.gf-embed', (xs) => xs.map((x) => x.getBoundingClientRect().height))).toEqual([480, 600]);

    await page.locator('[data-testid=explorer] [data-testid=commentary]').nth(1).click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expectCounters(page, ['8 / 9', '2 / 83']);
    await expect.poll(() => logged.at(-1)).toBe('step 2 of 83');

    // The buttons of the first explorer step only the first.
    await page
      .locator('[data-testid=explorer]')
      .nth(0)
      .getByRole('button', { name: /next step/ })
      .click();
    await expectCounters(page, ['9 / 9', '2 / 83']);
    expect(realErrors(w.errors)).toEqual([]);
    await w.context.close();
  });
});
