import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launch, openPage, type Watched } from '../e2e/browser';
import { expectCounters, explorersReady, realErrors } from './pages';
import { README_HOSTS, readmeSnippets } from './readme';
import { type StaticServer, serveStatic } from './static-server';

let browser: Browser;
let storybook: StaticServer;
let site: StaticServer;
const empty = mkdtempSync(join(tmpdir(), 'gradflow-site-'));
const pages: Record<string, string> = {};

beforeAll(async () => {
  browser = await launch();
  storybook = await serveStatic(inject('storybookDir'));
  site = await serveStatic(empty, { pages });
});
afterAll(async () => {
  await browser?.close();
  await storybook?.close();
  await site?.close();
  rmSync(empty, { recursive: true, force: true });
});

const lecture = (iframe: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lecture</title></head>
<body><main><h1>Lecture</h1>
${iframe}
</main></body></html>`;

/**
 * Runs in every frame from its first script on: records each step counter text and each
 * focused element the frame ever shows (once its graph has loaded), so a story that moves (or focuses a control) once on
 * load is caught even if it moves back before the test looks.
 */
const RECORDER = `(() => {
  const seen = (globalThis.__gfSeen = { counters: [], focused: [] });
  const look = () => {
    const c = document.querySelector('[data-testid=step-counter]');
    const t = c ? c.textContent.replace(/\\s+/g, ' ').trim() : null;
    // "k / 0" is the step bar before the graph has loaded: not a step shown
    if (t && !t.endsWith(" / 0") && seen.counters[seen.counters.length - 1] !== t) seen.counters.push(t);
    const a = document.activeElement;
    if (a && a !== document.body && a !== document.documentElement) seen.focused.push(a.tagName + (a.getAttribute('aria-label') ? ':' + a.getAttribute('aria-label') : ''));
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  document.addEventListener('focusin', look, true);
})();`;

async function openStory(name: string, iframe: string): Promise<{ w: Watched; frame: Frame }> {
  pages[`/${name}.html`] = lecture(iframe);
  const w = await openPage(browser);
  await w.page.addInitScript({ content: RECORDER });
  await w.page.goto(`${site.url}${name}.html`);
  const handle = await w.page.waitForSelector('iframe');
  const frame = (await handle.contentFrame()) as Frame;
  await frame.waitForFunction(() => {
    const phase = (globalThis as any).__STORYBOOK_PREVIEW__?.storyRenders?.[0]?.phase;
    return phase === 'finished' || phase === 'errored' || phase === 'aborted';
  });
  return { w, frame };
}

const seen = (frame: Frame) => frame.evaluate(() => (globalThis as any).__gfSeen as { counters: string[]; focused: string[] });

describe('the README iframe snippet, on the static Storybook (npm run build-storybook)', () => {
  test('the story fills its frame, opens exactly at its step without running its play function, and keys step it', async () => {
    const { w, frame } = await openStory('softmax', readmeSnippets().iframe.replaceAll(README_HOSTS.storybook, storybook.url));
    const { page } = w;
    expect(new URL(frame.url()).searchParams.get('id')).toBe('exercises-ex06-attention-backward--softmax-backward');
    expect(await explorersReady(frame, 1)).toEqual(['8 / 9']);
    await expect.poll(() => frame.textContent('[data-testid=commentary]')).toContain('softmax backward');
    // Rendered, not played: the counter never showed anything but 8 / 9 (the play function steps to 9 and back).
    expect(await frame.evaluate(() => (globalThis as any).__STORYBOOK_PREVIEW__.storyRenders[0].phase)).toBe('finished');
    await page.waitForTimeout(500);
    expect(await seen(frame)).toEqual({ counters: ['8 / 9'], focused: [] });
    expect(new URL(frame.url()).searchParams.get('embed')).toBe('true');

    // No Storybook chrome: the explorer is the frame's whole content.
    const fit = await frame.evaluate(() => {
      const r = (document.querySelector('[data-testid=explorer]') as HTMLElement).getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width, height: r.height, vw: innerWidth, vh: innerHeight };
    });
    expect(fit).toEqual({ left: 0, top: 0, width: fit.vw, height: fit.vh, vw: fit.vw, vh: fit.vh });
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

  test('a story whose play function changes an option shows its own state: the option never flips, no control takes focus', async () => {
    const id = 'exercises-ex05-gradient-checkpointing--no-checkpointing';
    const { w, frame } = await openStory(
      'checkpointing',
      `<iframe src="${storybook.url}iframe.html?id=${id}&viewMode=story&singleStory=true" title="No checkpointing" width="1200" height="700"></iframe>`,
    );
    expect(await explorersReady(frame, 1)).toEqual(['43 / 43']);
    expect(await frame.getByRole('combobox', { name: /Checkpoint every k layers/ }).inputValue()).toBe('0');
    await w.page.waitForTimeout(500);
    // Its play function selects k = 3 (91 steps) and back to 0, leaving focus in the select.
    expect(await seen(frame)).toEqual({ counters: ['43 / 43'], focused: [] });
    expect(realErrors(w.errors)).toEqual([]);
    await w.context.close();
  });
});
