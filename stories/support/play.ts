import { expect, userEvent, waitFor } from 'storybook/test';

/** What the play functions read off the screen (the same hooks the e2e tests use). */

export const counterText = (root: ParentNode): string =>
  (root.querySelector('[data-testid=step-counter]')?.textContent ?? '').replace(/\s+/g, ' ').trim();

export const edgeEl = (root: ParentNode, id: string): HTMLElement | null =>
  root.querySelector<HTMLElement>(`[data-testid=gf-edge][data-edge-id="${id}"]`);

export const nodeEl = (root: ParentNode, id: string): HTMLElement | null => root.querySelector<HTMLElement>(`[data-testid="node-${id}"]`);

/** The gradient norm an edge shows now (NaN before any gradient reached it). */
export const gradNorm = (root: ParentNode, id: string): number => {
  const v = edgeEl(root, id)?.dataset.gradNorm;
  return v ? Number(v) : Number.NaN;
};

/** Whether the canvas says it has drawn the graph its explorer holds now (step keys act from then on). */
export const drawn = (root: ParentNode): boolean => root.querySelector('[data-testid=canvas]')?.getAttribute('data-drawn') === 'true';

/** Waits until the canvas has drawn the graph (edges on screen) and the counter reads `k / N`; returns k and N. */
export async function graphReady(root: HTMLElement, timeout = 30_000): Promise<{ k: number; n: number }> {
  await waitFor(
    () => {
      expect(root.querySelector('[data-testid=gf-edge]')).not.toBeNull();
      expect(drawn(root)).toBe(true);
      expect(counterText(root)).toMatch(/^\d+ \/ [1-9]\d*$/);
    },
    { timeout },
  );
  const [k, n] = counterText(root).split(' / ').map(Number) as [number, number];
  return { k, n };
}

export interface StepExpectation {
  /** `k / N` on the counter. */
  at: number;
  of: number;
  /** Phase of the step just done (`start` before the first). */
  phase: 'start' | 'forward' | 'seed' | 'backward' | 'free' | 'recompute';
  /** Text the step's commentary line contains. */
  says?: string | RegExp;
  /** The node whose step was just done (it is lit). */
  node?: string;
}

/** Asserts the counter, the commentary's phase and text, and which node the step just done lit. */
export async function expectStep(root: HTMLElement, e: StepExpectation): Promise<void> {
  await waitFor(() => expect(counterText(root)).toBe(`${e.at} / ${e.of}`));
  const commentary = root.querySelector<HTMLElement>('[data-testid=commentary]');
  expect(commentary?.dataset.phase).toBe(e.phase);
  if (e.says !== undefined) {
    if (typeof e.says === 'string') expect(commentary?.textContent).toContain(e.says);
    else expect(commentary?.textContent).toMatch(e.says);
  }
  if (e.node) expect(nodeEl(root, e.node)?.classList.contains('is-active')).toBe(true);
}

/** Presses keys the way a learner does (the explorer listens on the window). */
export async function press(...keys: string[]): Promise<void> {
  for (const k of keys) await userEvent.keyboard(`{${k}}`);
}

/** A number as the explorer writes it (`−` for minus, `1.5e−9`), read back. */
export const readNumber = (text: string | null | undefined): number => Number((text ?? '').replace(/−/g, '-'));
