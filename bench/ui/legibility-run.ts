// Legibility and canvas stability over a full step-through of every bundled exercise:
//   min_label_px_presenter_1920[ex]  smallest on-screen label of the step's node (its font size
//                                    times the viewport zoom), presenter mode at 1920×1080
//   canvas_resizes[viewport][ex]     times the canvas element changed size while stepping
import type { Page } from 'playwright-core';

/** In-page globals of the app under test. */
type W = Record<string, any>;

interface Ctx {
  newPage(width: number, height: number): Promise<Page>;
  appUrl: string;
}

/** Steps from 0 to the end with → and returns per-step measurements taken after each painted frame. */
async function stepThrough(page: Page, base: string, graph: string, present: boolean): Promise<{ resizes: number; minLabel: number }> {
  await page.goto(`${base}?graph=${graph}&step=0${present ? '&present=1' : ''}`);
  await page.evaluate(() => {
    const w = globalThis as W;
    return w.__paintedWhen(
      () => w.__gradflow?.getState().run?.graph.id && w.__anyShown(new Set(w.__gradflow.getState().run.graph.nodes.map((n: W) => n.id))),
    );
  });
  await page.evaluate(() => {
    const w = globalThis as W;
    const canvas = document.querySelector('[data-testid="canvas"]') as HTMLElement;
    const size = () => `${canvas.clientWidth}x${canvas.clientHeight}`;
    let last = size();
    w.__resizes = 0;
    new ResizeObserver(() => {
      const s = size();
      if (s !== last) w.__resizes++;
      last = s;
    }).observe(canvas);
  });
  const n = await page.evaluate(() => (globalThis as W).__gradflow.getState().run.trace.steps.length as number);
  let minLabel = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('ArrowRight');
    const px = await page.evaluate(async () => {
      const w = globalThis as W;
      await w.__afterPaint();
      const s = w.__gradflow.getState();
      const step = s.run.trace.steps[s.cursor - 1];
      if (!step) return Number.POSITIVE_INFINITY;
      const group = s.run.graph.nodes.find((m: W) => m.id === step.node)?.group;
      const el =
        document.querySelector(`[data-testid="node-${step.node}"] .gf-node__label`) ??
        (group ? document.querySelector(`[data-testid="group-${group}"] .gf-node__label`) : null);
      if (!el) return 0; // not rendered: off screen
      const r = el.getBoundingClientRect();
      const canvas = (document.querySelector('[data-testid="canvas"]') as HTMLElement).getBoundingClientRect();
      if (r.right < canvas.left || r.left > canvas.right || r.bottom < canvas.top || r.top > canvas.bottom) return 0;
      const m = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport') as Element).transform);
      return Number.parseFloat(getComputedStyle(el).fontSize) * m.a;
    });
    minLabel = Math.min(minLabel, px);
  }
  const resizes = await page.evaluate(() => (globalThis as W).__resizes as number);
  return { resizes, minLabel: Math.round(minLabel * 10) / 10 };
}

export async function legibilityFigures(ctx: Ctx): Promise<Record<string, unknown>> {
  const probe = await ctx.newPage(1280, 720);
  await probe.goto(ctx.appUrl);
  await probe.waitForFunction(() => (globalThis as W).__gradflow?.getState().catalogue);
  const ids = await probe.evaluate(() => (globalThis as W).__gradflow.getState().catalogue.map((e: W) => e.id) as string[]);
  await probe.context().close();

  const minLabel: Record<string, number> = {};
  const resizes: Record<string, Record<string, number>> = { '1280x720': {}, '1920x1080': {} };
  for (const [w, h, present] of [
    [1920, 1080, true],
    [1280, 720, false],
    [1920, 1080, false],
  ] as const) {
    const page = await ctx.newPage(w, h);
    for (const id of ids) {
      const r = await stepThrough(page, ctx.appUrl, id, present);
      if (present) minLabel[id] = r.minLabel;
      else (resizes[`${w}x${h}`] as Record<string, number>)[id] = r.resizes;
    }
    await page.context().close();
  }
  return { min_label_px_presenter_1920: minLabel, canvas_resizes: resizes };
}
