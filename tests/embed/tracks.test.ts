import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launch, openPage, type Watched } from '../e2e/browser';
import { explorersReady, realErrors } from './pages';
import { type StaticServer, serveStatic } from './static-server';

/** `<gradflow-graph track="1" stop="…">`: an embed plays a lecture track (built by npm run build:lib). */

const page = (body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lecture</title></head>
<body><main><h1>Lecture</h1>${body}</main><script type="module" src="/gradflow-element.js"></script></body></html>`;

let browser: Browser;
let w: Watched | undefined;
let lib: StaticServer;
const PAGES: Record<string, string> = {
  '/track.html': page(
    '<gradflow-graph graph="ex03-two-layer-backprop" track="1" stop="2" height="640"></gradflow-graph><gradflow-graph graph="ex03-two-layer-backprop" track="3" height="640"></gradflow-graph>',
  ),
};

beforeAll(async () => {
  browser = await launch();
  lib = await serveStatic(inject('libDir'), { pages: PAGES });
});
afterAll(async () => {
  await w?.context.close();
  await browser?.close();
  await lib?.close();
});

/** Text of `sel` inside element `i`'s shadow root. */
const inside = (i: number, sel: string) =>
  w?.page.evaluate(
    ([i, sel]) => document.querySelectorAll('gradflow-graph')[Number(i)]?.shadowRoot?.querySelector(sel as string)?.textContent ?? null,
    [i, sel] as const,
  );

describe('<gradflow-graph track stop>', () => {
  test('opens at the stop with its callout; → goes to the next stop once the embed has focus; a missing track says so', async () => {
    w = await openPage(browser, { reducedMotion: 'reduce' });
    await w.page.goto(`${lib.url}track.html`);
    await explorersReady(w.page, 2);
    await expect.poll(() => inside(0, '[data-testid=track-stop]'), { timeout: 30_000 }).toContain('stop 2 / 6: The loss');
    await expect
      .poll(() => inside(0, '[data-testid=track-callout] .gf-callout__text'))
      .toBe('L = ½(ŷ − y)²: one number measures the error of ŷ.');
    await expect.poll(() => inside(1, '[data-testid=track-notice]')).toContain('There is no track 3: this graph has 1 track.');
    // keys belong to an embed once it has focus
    await w.page.locator('gradflow-graph').first().locator('[data-testid=commentary]').click();
    await w.page.keyboard.press('ArrowRight');
    await expect.poll(() => inside(0, '[data-testid=track-stop]')).toContain('stop 3 / 6: The error signal');
    await expect
      .poll(() => inside(0, '[data-testid=track-callout] .gf-callout__text'))
      .toBe('∂L/∂ŷ = ŷ − y: everything below is this error times local derivatives.');
    expect(realErrors(w.errors)).toEqual([]);
  });
});
