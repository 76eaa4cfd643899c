import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launch, openPage, type Watched } from '../e2e/browser';
import { dialogStyle, RECORD_DIALOG_LOOK } from '../record/dialogStyle';
import { explorersReady, realErrors } from './pages';
import { type StaticServer, serveStatic } from './static-server';

/**
 * The record dialog inside `<gradflow-graph>`: its CSS is part of the app's stylesheet, which
 * the shadow root adopts, so it looks as in the app (tests/e2e/record.test.ts reads the app's
 * dialog against the same values).
 */

const PAGES: Record<string, string> = {
  '/record.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Record</title></head>
<body><main><h1>Record</h1><gradflow-graph graph="ex03-two-layer-backprop" height="640"></gradflow-graph></main>
<script type="module" src="/gradflow-element.js"></script></body></html>`,
};

let browser: Browser;
let w: Watched | undefined;
let lib: StaticServer;

beforeAll(async () => {
  browser = await launch();
  lib = await serveStatic(inject('libDir'), { pages: PAGES });
});
afterAll(async () => {
  await w?.context.close();
  await browser?.close();
  await lib?.close();
});

describe('<gradflow-graph>: the record dialog', () => {
  test('is styled inside the shadow root as in the app', async () => {
    w = await openPage(browser, { reducedMotion: 'reduce' });
    await w.page.goto(`${lib.url}record.html`);
    await explorersReady(w.page, 1);
    // Playwright's CSS locators reach into open shadow roots
    await w.page.locator('gradflow-graph [data-testid=record-open]').click();
    await w.page.locator('gradflow-graph [data-testid=record-dialog][open]').waitFor();
    expect(await dialogStyle(w.page, 0)).toEqual(RECORD_DIALOG_LOOK);
    expect(realErrors(w.errors)).toEqual([]);
  });
});
