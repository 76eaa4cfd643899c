import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';

type Scope = Page | Frame;

/** `k / N` of every explorer on the page (or in the frame), in document order. */
export const counters = (p: Scope): Promise<string[]> =>
  p.$$eval('[data-testid=step-counter]', (els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));

/**
 * Waits until `count` explorers (in the page or in open shadow roots) show `k / N` and each canvas
 * says it has drawn its graph (`data-drawn`): from then on a step key steps at once.
 */
export async function explorersReady(p: Scope, count: number): Promise<string[]> {
  await p.waitForFunction(
    (n) => {
      const deep = (sel: string): Element[] => {
        const out: Element[] = [];
        const visit = (root: Document | ShadowRoot) => {
          out.push(...root.querySelectorAll(sel));
          for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
        };
        visit(document);
        return out;
      };
      const explorers = deep('[data-testid=explorer]');
      return (
        explorers.length === n &&
        explorers.every(
          (x) =>
            x.querySelector('[data-testid=canvas]')?.getAttribute('data-drawn') === 'true' &&
            /^\d+ \/ [1-9]\d*$/.test((x.querySelector('[data-testid=step-counter]')?.textContent ?? '').replace(/\s+/g, ' ').trim()),
        )
      );
    },
    count,
    { timeout: 45_000 },
  );
  return counters(p);
}

/**
 * Console errors other than a failed load (the browser asks every origin for /favicon.ico; the
 * servers' `notFound` lists are checked for anything else missing).
 */
export const realErrors = (errors: string[]): string[] => errors.filter((e) => !/^Failed to load resource/.test(e));

/** Asserts each counter reads as expected, waiting a little for React to commit. */
export async function expectCounters(p: Scope, want: string[]): Promise<void> {
  await expect.poll(() => counters(p), { timeout: 5000 }).toEqual(want);
}
