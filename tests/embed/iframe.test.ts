import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launch, openPage } from '../e2e/browser';
import { expectCounters, explorersReady, realErrors } from './pages';
import { README_HOSTS, readmeSnippets } from './readme';
import { type StaticServer, serveStatic } from './static-server';

let browser: Browser;
const servers: StaticServer[] = [];
const empty = mkdtempSync(join(tmpdir(), 'gradflow-site-'));

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  rmSync(empty, { recursive: true, force: true });
});

describe('the README iframe snippet, on the static Storybook (npm run build-storybook)', () => {
  test('the story fills its frame with no Storybook chrome, sits on its step, and keys step it inside the frame', async () => {
    const storybook = await serveStatic(inject('storybookDir'));
    servers.push(storybook);
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lecture 6</title></head>
<body><main><h1>Lecture 6</h1>
${readmeSnippets().iframe.replaceAll(README_HOSTS.storybook, storybook.url)}
</main></body></html>`;
    const site = await serveStatic(empty, { pages: { '/lecture.html': html } });
    servers.push(site);

    const w = await openPage(browser);
    const { page } = w;
    await page.goto(`${site.url}lecture.html`);
    const handle = await page.waitForSelector('iframe');
    const frame = (await handle.contentFrame()) as Frame;
    expect(new URL(frame.url()).searchParams.get('id')).toBe('exercises-ex06-attention-backward--softmax-backward');

    // The story's play function (it steps forward and back) runs in the embed too: wait until it is
    // done, then the frame sits on the softmax backward step.
    await frame.waitForFunction(() => {
      const phase = (globalThis as any).__STORYBOOK_PREVIEW__?.storyRenders?.[0]?.phase;
      return phase === 'finished' || phase === 'errored' || phase === 'aborted';
    });
    expect(await frame.evaluate(() => (globalThis as any).__STORYBOOK_PREVIEW__.storyRenders[0].phase)).toBe('finished');
    expect(await explorersReady(frame, 1)).toEqual(['8 / 9']);
    await expect.poll(() => frame.textContent('[data-testid=commentary]')).toContain('softmax backward');

    // No Storybook chrome: the explorer is the frame's whole content.
    const fit = await frame.evaluate(() => {
      const r = (document.querySelector('[data-testid=explorer]') as HTMLElement).getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width, height: r.height, vw: innerWidth, vh: innerHeight };
    });
    expect(fit.left).toBe(0);
    expect(fit.top).toBe(0);
    expect(fit.width).toBe(fit.vw);
    expect(fit.height).toBe(fit.vh);
    expect(await frame.$('#storybook-explorer-tree, .sidebar-container, #storybook-panel-root')).toBeNull();

    // Keys go to the frame once the learner clicks into it.
    await frame.click('[data-testid=commentary]');
    await page.keyboard.press('ArrowRight');
    await expectCounters(frame, ['9 / 9']);
    await page.keyboard.press('Home');
    await expectCounters(frame, ['0 / 9']);
    await page.keyboard.press('ArrowRight');
    await expectCounters(frame, ['1 / 9']);

    expect(storybook.notFound.filter((r) => r !== '/favicon.ico')).toEqual([]);
    expect(realErrors(w.errors)).toEqual([]);
    await w.context.close();
  });
});
