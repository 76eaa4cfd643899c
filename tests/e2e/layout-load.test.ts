import { describe, expect, inject, test } from 'vitest';
import { drawn, pagesPerTest } from './browser';

/**
 * elkjs (~1.6 MB to compile) stays off the first graph's path when that graph opens with a baked
 * layout, and loads at once when it will be needed (a deep link to a graph that is not baked).
 * In the built app: the order of the page's requests.
 */

const base = inject('baseUrl');
const pages = pagesPerTest();

/** Records, in the page, when the canvas first says it has drawn its graph. */
const DRAWN_AT = `
new MutationObserver((_, obs) => {
  if (document.querySelector('[data-testid=canvas][data-drawn=true]')) {
    globalThis.__drawnAt = performance.now();
    obs.disconnect();
  }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'] });
`;

/** Opens `query`: whether the elk worker's script was requested before the graph was drawn, and by 3 s after. */
async function elkOrder(query: string): Promise<{ beforeDrawn: boolean; afterwards: boolean }> {
  const { page } = await pages.open();
  await page.addInitScript({ content: DRAWN_AT });
  await page.goto(`${base}${query}`);
  await drawn(page);
  const read = () =>
    page.evaluate(() => {
      const at = (globalThis as { __drawnAt?: number }).__drawnAt ?? Number.NaN;
      // The worker script itself (the 1.6 MB one), not the small module that names its URL.
      const elk = performance
        .getEntriesByType('resource')
        .filter((e) => /elk-worker[^/]*\.js$/.test(e.name) && (e as PerformanceResourceTiming).encodedBodySize > 100_000);
      return { at, starts: elk.map((e) => e.startTime) };
    });
  const first = await read();
  expect(Number.isFinite(first.at)).toBe(true);
  let last = first;
  for (let t = 0; t < 3000 && last.starts.length === 0; t += 100) {
    await page.waitForTimeout(100);
    last = await read();
  }
  return { beforeDrawn: last.starts.some((s) => s < first.at), afterwards: last.starts.length > 0 };
}

describe('when elkjs loads', () => {
  test('the first exercise (baked): after its graph is drawn, then at once', async () => {
    expect(await elkOrder('')).toEqual({ beforeDrawn: false, afterwards: true });
  });

  test('a deep link to an exercise whose layout depends on the screen (ex04): from the start', async () => {
    expect((await elkOrder('?graph=ex04-vanishing-gradients')).beforeDrawn).toBe(true);
  });
});
