import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { counterText, launch, ready } from './browser';

const base = inject('baseUrl');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** axe-core's violations on the page (WCAG 2 A/AA rules), as `rule: target` lines. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const out = (await page.evaluate(() =>
    (globalThis as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }),
  )) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  return out.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const canvasBackground = (page: Page) => page.$eval('[data-testid=canvas]', (e) => getComputedStyle(e).backgroundColor);
const luminance = (rgb: string) => {
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number) as [number, number, number];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};

describe('projector themes', () => {
  for (const theme of ['dark', 'light'] as const) {
    test(`theme=${theme} from the link: applied, kept in the address bar, axe-clean in presenter mode mid-backward`, async () => {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(`${base}?graph=ex03-two-layer-backprop&present=1&step=10&theme=${theme}`);
      await ready(page);
      expect(await page.getAttribute('[data-testid=explorer]', 'class')).toContain(`gf-theme--${theme}`);
      const lum = luminance(await canvasBackground(page));
      if (theme === 'dark') expect(lum).toBeLessThan(0.15);
      else expect(lum).toBeGreaterThan(0.95);
      await page.keyboard.press('ArrowRight');
      expect(await counterText(page)).toBe('11 / 13');
      await expect.poll(() => page.evaluate(() => location.search)).toContain('step=11');
      expect(await page.evaluate(() => location.search)).toContain(`theme=${theme}`);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }

  test('picking a theme restyles the canvas and writes it into the link; default leaves it out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${base}?graph=ex01-scalar-chain-rule`);
    await ready(page);
    const before = await canvasBackground(page);
    await page.selectOption('select[aria-label=theme]', 'dark');
    await expect.poll(() => page.evaluate(() => location.search)).toContain('theme=dark');
    expect(await canvasBackground(page)).not.toBe(before);
    // the select gave the keys back: → steps
    await page.keyboard.press('ArrowRight');
    expect(await counterText(page)).toMatch(/^1 \//);
    await page.selectOption('select[aria-label=theme]', 'default');
    await expect.poll(() => page.evaluate(() => location.search)).not.toContain('theme=');
    expect(await canvasBackground(page)).toBe(before);
    await context.close();
  });
});
