// What each step costs the renderer in CPU time: store.next() → painted frame, inside a Chromium
// trace, counting thread time (so other processes on a loaded machine do not count), split by
// what the renderer's main thread did. Used by bench:ui (step_cpu_ms) and bench/ui/stepcpu.ts.
import type { Browser, Page } from 'playwright-core';

type W = Record<string, any>;
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Renderer main-thread work a step's frame is made of. */
export const PARTS = [
  'FunctionCall',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'HitTest',
  'MinorGC',
  'MajorGC',
];

export interface StepCost {
  /** store.next() → painted frame, wall ms. */
  wall: number;
  /** Renderer main thread, CPU ms (every task that began in the step's window). */
  cpu: number;
  /** Other threads of the trace (compositor, raster, GPU process), CPU ms. */
  other: number;
  parts: Record<string, number>;
}

export const isMainThread = (ev: readonly TraceEvent[]) => {
  const main = ev.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  return (e: TraceEvent) => !!main && e.pid === main.pid && e.tid === main.tid;
};

/** Steps `count` times from each cursor in `starts` (store.next(), each to its painted frame), traced. */
export async function traceSteps(browser: Browser, page: Page, starts: number[], count: number): Promise<StepCost[]> {
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink.user_timing'] });
  const wall = await page.evaluate(
    async ([from, n]) => {
      const w = globalThis as W;
      const s = w.__gradflow;
      const out: number[] = [];
      let i = 0;
      for (const start of from) {
        s.getState().seek(start);
        await w.__afterPaint();
        await w.__afterPaint();
        for (let k = 0; k < n; k++, i++) {
          performance.mark(`gf-step-a-${i}`);
          const a = performance.now();
          s.getState().next();
          const c = await w.__afterPaint();
          performance.mark(`gf-step-c-${i}`);
          out.push(c - a);
        }
      }
      return out;
    },
    [starts, count] as const,
  );
  const ev = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const onMain = isMainThread(ev);
  const marks = new Map<string, number>();
  for (const e of ev) if (e.name.startsWith('gf-step-')) marks.set(e.name, e.ts);
  const out: StepCost[] = [];
  for (let i = 0; i < wall.length; i++) {
    const a = marks.get(`gf-step-a-${i}`);
    const c = marks.get(`gf-step-c-${i}`);
    if (a === undefined || c === undefined) continue;
    const cost: StepCost = { wall: wall[i] as number, cpu: 0, other: 0, parts: {} };
    for (const e of ev) {
      if (e.ph !== 'X' || e.ts < a || e.ts > c || e.tdur === undefined) continue;
      const main = onMain(e);
      if (e.name === 'ThreadControllerImpl::RunTask') {
        if (main) cost.cpu += e.tdur / 1000;
        else cost.other += e.tdur / 1000;
      } else if (main && PARTS.includes(e.name)) cost.parts[e.name] = (cost.parts[e.name] ?? 0) + e.tdur / 1000;
    }
    out.push(cost);
  }
  return out;
}
