// Driving the built app from Playwright (bench:ui and bench/ui/ab.ts): open it, open a graph
// file through the store, step with the keyboard. Pages need PAGE_HELPERS (paint.ts).
import type { Page } from 'playwright-core';

/** In-page globals of the app under test. */
export type W = Record<string, any>;

/** Opens the app (on ex01 unless told) and waits until it is drawn. */
export async function openAppAt(page: Page, base: string, query = '?graph=ex01-scalar-chain-rule&step=0'): Promise<void> {
  await page.goto(`${base}${query}`);
  await page.evaluate(() =>
    (globalThis as W).__paintedWhen(
      () =>
        (globalThis as W).__gradflow?.getState().run &&
        (globalThis as W).__anyShown(new Set((globalThis as W).__gradflow.getState().run.graph.nodes.map((n: W) => n.id))),
    ),
  );
}

/**
 * Waits until the app has nothing in flight: no run requested and its graph's lesson computed
 * (the first exercise's deferred lesson keeps the compute worker busy for a while after it is drawn).
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const s = (globalThis as W).__gradflow?.getState();
      return !!s?.run && s.requested === null && s.lesson?.status !== 'checking';
    },
    undefined,
    { timeout: 60_000 },
  );
  await page.evaluate(() => (globalThis as W).__afterPaint());
}

/** Presses → `count` times from `from`; key → painted latencies (needs __watchSteps()). */
export async function stepLatencies(page: Page, from: number, count: number): Promise<number[]> {
  return (await stepTimes(page, from, count)).ms;
}

/**
 * The same, with each step's frame lag (frames begun between the key and the one showing the
 * step) and the browser's key → next paint (Event Timing: `keyPaint`, one per key, a key under
 * the API's 16 ms floor counted as 16).
 */
export async function stepTimes(
  page: Page,
  from: number,
  count: number,
): Promise<{ ms: number[]; lagFrames: number[]; keyPaint: number[] }> {
  await page.evaluate((c) => {
    const w = globalThis as W;
    w.__gradflow.getState().seek(c);
    w.__lat = [];
    w.__lagFrames = [];
    w.__keyPaint = [];
  }, from);
  await page.evaluate(() => (globalThis as W).__afterPaint());
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((k) => (globalThis as W).__lat.length >= k, i + 1);
  }
  const out = await page.evaluate(() => ({
    ms: (globalThis as W).__lat as number[],
    lagFrames: (globalThis as W).__lagFrames as number[],
  }));
  return { ...out, keyPaint: await keyPaints(page, count) };
}

/** The Event Timing durations of the last `count` key presses (see __watchKeyPaint), after their entries are in. */
async function keyPaints(page: Page, count: number): Promise<number[]> {
  // Entries are delivered after the paint they end at, in a later task.
  await page.evaluate(async () => {
    const w = globalThis as W;
    await w.__afterPaint();
    await w.__afterPaint();
    await new Promise((r) => setTimeout(r, 100));
  });
  const seen = await page.evaluate(() => [...((globalThis as W).__keyPaint as number[])]);
  return [...seen, ...Array<number>(Math.max(0, count - seen.length)).fill(16)];
}

/**
 * Key → painted latencies on the floor page (bench/ui/floor.html: a keydown that changes one
 * counter's text), measured like stepTimes: what the harness and the browser cost on their own.
 */
export async function floorTimes(page: Page, url: string, count: number): Promise<number[]> {
  return (await floorFigures(page, url, count)).ms;
}

/** floorTimes, with the floor page's Event Timing key → next paint (see stepTimes). */
export async function floorFigures(page: Page, url: string, count: number): Promise<{ ms: number[]; keyPaint: number[] }> {
  await page.goto(url);
  await page.evaluate(async () => {
    const w = globalThis as W;
    w.__watchSteps();
    await w.__afterPaint();
  });
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((k) => (globalThis as W).__lat.length >= k, i + 1);
  }
  const ms = await page.evaluate(() => (globalThis as W).__lat as number[]);
  return { ms, keyPaint: await keyPaints(page, count) };
}

/**
 * Plays at `speed` steps/s for `ms` from step 0: the rate reached, and how the ticks were
 * spaced (a tick later than 1.5 intervals after the one before is late: the schedule slipped).
 */
export function playbackFigures(
  page: Page,
  speed: number,
  ms: number,
): Promise<{ steps_per_s: number; late_ticks: number; interval_p95_ms: number }> {
  return page.evaluate(
    async ([v, dur]) => {
      const s = (globalThis as W).__gradflow;
      s.getState().seek(0);
      s.getState().setSpeed(v);
      const at: number[] = [];
      const unsub = s.subscribe((st: W, prev: W) => {
        if (st.cursor !== prev.cursor) at.push(performance.now());
      });
      const c0 = s.getState().cursor;
      s.getState().play();
      await new Promise((r) => setTimeout(r, dur));
      const c1 = s.getState().cursor;
      s.getState().pause();
      unsub();
      const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
      const sorted = [...gaps].sort((a, b) => a - b);
      return {
        steps_per_s: Math.round(((c1 - c0) * 10000) / dur) / 10,
        late_ticks: gaps.filter((g) => g > 1500 / v).length,
        interval_p95_ms: Math.round(sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? Number.NaN),
      };
    },
    [speed, ms] as const,
  );
}

/**
 * store.loadSpec(graph file) → first painted frame showing it, and its split: the engine's run
 * (to the store), the layout (gf:layout; NaN on a cache hit or an app without the measure), and
 * layout done → painted (React Flow mounting the graph, first paint).
 */
export function openSynthetic(page: Page, file: string): Promise<{ open: number; run: number; layout: number; mount: number }> {
  return page.evaluate(async (f) => {
    const w = globalThis as W;
    const spec = await (await fetch(f)).json();
    const ids = new Set<string>([...spec.nodes.map((x: W) => x.id), ...(spec.groups ?? []).map((g: W) => g.id)]);
    for (const x of w.__gradflow.getState().run.graph.nodes) ids.delete(x.id);
    performance.clearMeasures();
    let ran = 0;
    const unsub = w.__gradflow.subscribe((st: W) => {
      if (!ran && st.run?.graph.id === spec.id) ran = performance.now();
    });
    const t0 = performance.now();
    void w.__gradflow.getState().loadSpec(spec);
    const t1 = await w.__paintedWhen(() => w.__gradflow.getState().run?.graph.id === spec.id && w.__anyShown(ids));
    unsub();
    const layout = performance.getEntriesByName('gf:layout').at(-1);
    return {
      open: t1 - t0,
      run: ran - t0,
      layout: layout?.duration ?? Number.NaN,
      mount: layout ? t1 - (layout.startTime + layout.duration) : Number.NaN,
    };
  }, file);
}
