import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { graphReady, legibilityFigures, measureStep } from '../../bench/ui/legibility';
import { catalogueIds, launch } from './browser';

const base = inject('baseUrl');
let browser: Browser;
let ids: string[] = [];

beforeAll(async () => {
  browser = await launch();
  ids = await catalogueIds(browser, base);
});
afterAll(async () => {
  await browser?.close();
});

const measure = (page: Page) =>
  page.evaluate(
    `globalThis.__name ??= (f) => f; new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r((${measureStep.toString()})()))))`,
  ) as Promise<ReturnType<typeof measureStep>>;

describe('presenter walkthrough: every graph, every step, as the back row sees it', () => {
  test('the catalogue has the eleven bundled graphs', () => {
    expect(ids).toHaveLength(11);
  });

  for (const [w, h, px] of [
    [1920, 1080, 18],
    [1280, 720, 14],
  ] as const) {
    test(`${w}×${h}: the step's node on screen at every step, labels, node captions and lesson-panel text ≥ ${px} px, the canvas never resizes, no chrome over a node`, {
      timeout: 600_000,
    }, async () => {
      const failures: string[] = [];
      for (const id of ids) {
        const f = await legibilityFigures(browser, base, id, w, h);
        expect(f.steps, id).toBeGreaterThan(0);
        if (f.min_label_px < px) failures.push(`${id}: smallest label ${f.min_label_px} px`);
        if (f.min_focus_label_px < px) failures.push(`${id}: step node's label ${f.min_focus_label_px} px`);
        // Every other text in a node on screen (shapes, norms, badges, "no ∇") and every panel text (ticks, titles, legends, cells).
        if (f.min_caption_px === null) failures.push(`${id}: no node caption measured`);
        else if (f.min_caption_px < px) failures.push(`${id}: smallest node caption ${f.min_caption_px} px (${f.min_caption})`);
        if (f.min_panel_text_px !== null && f.min_panel_text_px < px)
          failures.push(`${id}: smallest panel text ${f.min_panel_text_px} px (${f.min_panel_text})`);
        if (f.canvas_resizes !== 0) failures.push(`${id}: canvas resized ${f.canvas_resizes} times`);
        if (f.offscreen_steps.length) failures.push(`${id}: step node off screen at steps ${f.offscreen_steps.join(', ')}`);
        if (f.chrome_over_nodes.length) failures.push(`${id}: chrome over a node: ${f.chrome_over_nodes.slice(0, 5).join('; ')}`);
      }
      expect(failures).toEqual([]);
    });
  }
});

describe('chrome never covers a node', () => {
  for (const [w, h] of [
    [1920, 1080],
    [1280, 720],
  ] as const) {
    test(`${w}×${h}: at every stop of a lecture track (callouts on the canvas) no chrome covers a node; an opened legend does (and is seen), Esc closes it`, {
      timeout: 300_000,
    }, async () => {
      const failures: string[] = [];
      for (const id of ['ex04-vanishing-gradients', 'ex03-two-layer-backprop']) {
        const context = await browser.newContext({ viewport: { width: w, height: h }, reducedMotion: 'reduce' });
        const page = await context.newPage();
        await page.goto(`${base}?graph=${id}&present=1&track=1`);
        await graphReady(page);
        const stopText = () => page.textContent('[data-testid=track-stop]').then((t) => t ?? '');
        await expect.poll(stopText, { timeout: 30_000 }).toContain('stop 1 /');
        const n = Number(/stop 1 \/ (\d+)/.exec(await stopText())?.[1]);
        expect(n, id).toBeGreaterThan(1);
        let callouts = 0;
        for (let k = 0; k < n; k++) {
          if (k > 0) await page.keyboard.press('ArrowRight');
          await expect.poll(stopText, { timeout: 30_000 }).toContain(`stop ${k + 1} / ${n}`);
          const m = await measure(page);
          if (await page.$('[data-testid=track-callout]')) callouts++;
          failures.push(...m.chromeOverNodes.map((c) => `${id} stop ${k + 1}: ${c}`));
        }
        // The track's stops do show callouts over the canvas (what this test is about).
        expect(callouts, id).toBeGreaterThan(0);
        await context.close();
      }
      expect(failures).toEqual([]);

      // The check sees chrome over nodes: ex04's legend, opened, drops over its whole graph fitted
      // with 0 (its rows reach the canvas's top left).
      const context = await browser.newContext({ viewport: { width: w, height: h }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(`${base}?graph=ex04-vanishing-gradients&present=1&step=10`);
      await graphReady(page);
      expect((await measure(page)).chromeOverNodes).toEqual([]);
      await page.keyboard.press('0');
      await page.click('[data-testid=legend-toggle] summary');
      const open = await measure(page);
      expect(open.chromeOverNodes.some((c) => c.startsWith('.gf-legend-pop'))).toBe(true);
      // Esc closes it: the canvas is clear again.
      await page.keyboard.press('Escape');
      expect((await measure(page)).chromeOverNodes).toEqual([]);
      await context.close();
    });
  }
});

describe('the camera', () => {
  test('a manual pan pauses following until the next step; F resumes; 0 fits the whole graph', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${base}?graph=ex04-vanishing-gradients&present=1&step=30`);
    await graphReady(page);
    const follow = () => page.getAttribute('[data-testid=follow-toggle]', 'data-follow');
    expect(await follow()).toBe('on');
    let m = await measure(page);
    expect(m.focusOnScreen).toBe(true);
    expect(m.focusLabelPx).toBeGreaterThanOrEqual(18);

    // Drag the pane far away: the step's node leaves the screen and following pauses.
    const flow = await page.$('[data-testid=canvas-flow]');
    const box = (await flow?.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 10, box.y + 20, { steps: 8 });
    await page.mouse.move(box.x - 900, box.y - 600, { steps: 8 });
    await page.mouse.up();
    await expect.poll(follow).toBe('paused');
    m = await measure(page);
    expect(m.focusOnScreen).toBe(false);

    // The next step frames again.
    await page.keyboard.press('ArrowRight');
    await expect.poll(follow).toBe('on');
    m = await measure(page);
    expect(m.cursor).toBe(31);
    expect(m.focusOnScreen).toBe(true);

    // 0 fits the whole graph (smaller than legible on ex04) and pauses; F comes back to the step.
    await page.keyboard.press('0');
    await expect.poll(follow).toBe('paused');
    const all = await page.$$eval('.react-flow__node', (els) => els.length);
    const inside = await page.evaluate(() => {
      const b = (document.querySelector('[data-testid=canvas-flow]') as HTMLElement).getBoundingClientRect();
      return [...document.querySelectorAll('.react-flow__node')].filter((n) => {
        const r = n.getBoundingClientRect();
        return r.left >= b.left - 1 && r.right <= b.right + 1 && r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
      }).length;
    });
    expect(inside).toBe(all);
    m = await measure(page);
    expect(m.focusLabelPx).toBeLessThan(18);
    await page.keyboard.press('f');
    await expect.poll(follow).toBe('on');
    m = await measure(page);
    expect(m.focusOnScreen).toBe(true);
    expect(m.focusLabelPx).toBeGreaterThanOrEqual(18);
    await context.close();
  });

  test('outside presenter mode the whole graph is fitted and stays put while stepping; the toggle turns following on', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${base}?graph=ex04-vanishing-gradients`);
    await graphReady(page);
    const transform = () => page.$eval('.react-flow__viewport', (e) => getComputedStyle(e).transform);
    const before = await transform();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    expect(await transform()).toBe(before);
    expect(await page.getAttribute('[data-testid=follow-toggle]', 'data-follow')).toBe('off');
    await page.click('[data-testid=follow-toggle]');
    await page.keyboard.press('ArrowRight');
    const m = await measure(page);
    expect(m.focusOnScreen).toBe(true);
    expect(m.focusLabelPx).toBeGreaterThanOrEqual(14);
    expect(await transform()).not.toBe(before);
    await context.close();
  });
});
