import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { pagesPerTest, ready, type Watched } from './browser';

const base = inject('baseUrl');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const pages = pagesPerTest();
let w: Watched | undefined;

const focusedItem = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return a?.dataset.testid === 'a11y-item' ? (a.textContent ?? '') : null;
  });
const announced = (page: Page) => page.textContent('[data-testid=announcer]').then((t) => (t ?? '').trim());

/** WCAG A/AA violations axe finds on the page now (ids and where). */
async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await (globalThis as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

describe('a path without sight through ex03', () => {
  test('keyboard only: Tab reaches the node list, ↓ visits every node and edge in order, Enter inspects; every step is heard', async () => {
    w = await pages.open();
    const { page } = w;
    await page.goto(`${base}?graph=ex03-two-layer-backprop`);
    const { n } = await ready(page);
    expect(n).toBe(13);
    const graph = await page.evaluate(() => {
      const g = (globalThis as any).__gradflow.getState().run.graph;
      return g.nodes.map((x: any) => ({ id: x.id, label: x.label, inputs: x.inputs.length }));
    });

    // Tab from the top of the page until focus is in the node list (no mouse anywhere).
    let tabs = 0;
    while ((await focusedItem(page)) === null && tabs < 80) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    expect(await focusedItem(page)).not.toBeNull();

    const heard: string[] = [];
    for (let i = 0; i < 100; i++) {
      const t = (await focusedItem(page)) as string;
      if (heard.at(-1) === t) break;
      heard.push(t);
      await page.keyboard.press('ArrowDown');
    }
    // One item per node and one per edge, nodes in topological order, each edge right after the node it enters.
    const edges = graph.reduce((s: number, x: { inputs: number }) => s + x.inputs, 0);
    expect(heard).toHaveLength(graph.length + edges);
    const nodeItems = heard.filter((t) => t.startsWith('node '));
    expect(nodeItems.map((t) => t.slice(5, t.indexOf(','))).sort()).toEqual(graph.map((x: { label: string }) => x.label).sort());
    expect(nodeItems.map((t) => t.slice(5, t.indexOf(',')))).toEqual(graph.map((x: { label: string }) => x.label));
    // The focused node is lit on the canvas: a visible focus for sighted keyboard users.
    const last = graph.at(-1) as { id: string; label: string };
    expect(await page.$eval(`[data-testid=node-${last.id}]`, (e) => e.className)).toContain('is-highlighted');

    // Enter opens the focused node in the inspector. (The last item is an edge into the last node.)
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('[data-testid=inspector-title]'), { timeout: 10_000 }).toBe(last.label);

    // Every step, heard: → from the node list steps the explorer; the live region says each step.
    const steps: string[] = [];
    for (let k = 1; k <= 13; k++) {
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => announced(page), { timeout: 10_000 }).toMatch(new RegExp(`^\\w+ step ${k} of 13: `));
      steps.push(await announced(page));
    }
    expect(new Set(steps).size).toBe(13);
    expect(steps.slice(0, 6).every((s) => s.startsWith('forward step'))).toBe(true);
    expect(steps[6]).toMatch(/^seed step 7 of 13: .* — ∂.+\/∂.+ = 1\b/);
    // backward steps name the gradient they complete and its size, in the same names as the formulas
    for (const s of steps.slice(7)) expect(s).toMatch(/^backward step \d+ of 13: .+ — ∂.+\/∂.+ = .*(norm [\d.]+|-?[\d.]+)/);
    // ...and the items now say the gradients (the last items: node L, edge ŷ → L, edge y → L; y is a constant)
    expect(await focusedItem(page)).toMatch(/^edge .* to .*: value passed$/);
    await page.keyboard.press('ArrowUp');
    expect(await focusedItem(page)).toMatch(/^edge .* to .*: carries gradient -?[\d.]+$/);
    await page.keyboard.press('ArrowUp');
    expect(await focusedItem(page)).toMatch(/^node .*: value [\d.]+; gradient 1$/);
  });

  test('the numbers as a table; axe finds no WCAG A/AA violation in any mode', async () => {
    w = await pages.open();
    const { page } = w;
    await page.goto(`${base}?graph=ex03-two-layer-backprop&step=9`);
    await ready(page);
    expect(await axe(page)).toEqual([]);

    await page.getByRole('button', { name: /numbers as a table/ }).click();
    const rows = await page.$$eval('[data-testid=step-table] tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent)),
    );
    const graph = await page.evaluate(() => (globalThis as any).__gradflow.getState().run.graph.nodes.map((x: any) => x.label));
    expect(rows.map((r) => r[0])).toEqual(graph);
    // at step 9 the loss has its value and its gradient (1)
    const loss = rows.find((r) => r[0] === graph.at(-1));
    expect(loss?.[2]).toMatch(/^[\d.]+$/);
    expect(loss?.[3]).toBe('1');
    expect(await axe(page)).toEqual([]);

    await page.goto(`${base}?graph=ex03-two-layer-backprop&step=9&predict=1`);
    await ready(page);
    expect(await axe(page)).toEqual([]);
    await page.goto(`${base}?graph=ex03-two-layer-backprop&step=9&present=1&node=W1`);
    await ready(page);
    expect(await axe(page)).toEqual([]);
  });
});
