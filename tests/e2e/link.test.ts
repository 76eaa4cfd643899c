import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { counterText, drawn, pagesPerTest, ready, type Watched } from './browser';

const base = inject('baseUrl');
const pages = pagesPerTest();
let w: Watched | undefined;

const MINE = {
  nodes: [
    { id: 'u', op: 'leaf', value: [0.5, -1.5], role: 'param', label: 'u (mine)' },
    { id: 'v', op: 'tanh', inputs: ['u'] },
    { id: 'S', op: 'sum', inputs: ['v'] },
  ],
  objectives: [{ name: 'S', node: 'S' }],
};

const nodeIds = (page: Page) =>
  page.$$eval('.react-flow__node [data-testid^="node-"]', (els) => els.map((e) => (e as HTMLElement).dataset.testid?.slice(5)).sort());

async function paste(page: Page, text: string) {
  if (!(await page.$('textarea[aria-label="graph JSON"]'))) await page.getByRole('button', { name: 'Paste JSON…' }).click();
  await page.fill('textarea[aria-label="graph JSON"]', text);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
}

describe('the address bar tells the truth about a pasted graph', () => {
  test('a pasted graph gets a link that reopens it, at its step; opening an exercise clears it', async () => {
    w = await pages.open();
    const { page } = w;
    await page.goto(`${base}?graph=ex03-two-layer-backprop&step=2`);
    await ready(page);
    await paste(page, JSON.stringify(MINE));
    await expect.poll(() => nodeIds(page), { timeout: 15_000 }).toEqual(['S', 'u', 'v']);
    await drawn(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/\?step=2#gf=[A-Za-z0-9_-]+$/);
    const link = page.url();
    expect(link).not.toContain('graph=');

    // A fresh tab on that link: the pasted graph, at step 2, nothing else loaded first.
    const other = await pages.open();
    await other.page.goto(link);
    await ready(other.page);
    expect(await nodeIds(other.page)).toEqual(['S', 'u', 'v']);
    await expect.poll(() => counterText(other.page), { timeout: 15_000 }).toBe('2 / 5');
    expect(await other.page.$('[data-testid=error-panel]')).toBeNull();
    await other.context.close();

    // Back to an exercise: the fragment goes, the query names the exercise.
    await page.getByRole('button', { name: /Ex 1/ }).first().click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/\?graph=ex01-scalar-chain-rule&step=0$/);
  });

  test('a damaged link shows a located problem; a graph too big for a link says so on screen and in the address', async () => {
    w = await pages.open();
    const { page } = w;
    await page.goto(`${base}?step=1#gf=AAAA-not-deflate`);
    const panel = await page.waitForSelector('[data-testid=error-panel]', { timeout: 30_000 });
    expect(await panel.textContent()).toMatch(/link.*damaged/);

    // ~60 000 pseudo-random numbers do not compress into 100 000 characters.
    let seed = 7;
    const noise = Array.from({ length: 60_000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.round((seed / 2 ** 31) * 1e6) / 1e6;
    });
    await page.click('[data-testid=error-panel] button[aria-label=dismiss]');
    await paste(
      page,
      JSON.stringify({
        nodes: [
          { id: 'big', op: 'leaf', value: noise, role: 'param' },
          { id: 'T', op: 'sum', inputs: ['big'] },
        ],
        objectives: [{ name: 'T', node: 'T' }],
      }),
    );
    const notice = await page.waitForSelector('[data-testid=link-notice]', { timeout: 30_000 });
    expect(await notice.textContent()).toMatch(/not in the address bar.*over the 100000/);
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/#graph-not-in-link$/);
    expect(page.url()).not.toContain('graph=ex');
  });
});
