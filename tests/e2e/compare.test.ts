import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { COMPARE_PRESETS, type ComparePreset } from '../../graphs/compare';
import type { Phase } from '../../src/engine/trace';
import { alignSteps } from '../../src/ui/compare/align';
import { compareList } from '../../src/ui/compare/link';
import { fmtDecades, ratioScale } from '../../src/ui/compare/ratioScale';
import { run } from '../compare/runs';
import { counterText, launch, openPage } from './browser';

const base = inject('baseUrl');
const SHOTS = join(tmpdir(), 'gradflow-compare-shots');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** The deep link of a preset: A's options as `opt.*`, B's as `compare=`. */
const linkOf = (p: ComparePreset, extra = '') => {
  const a = Object.entries(p.a)
    .map(([k, v]) => `&opt.${k}=${String(v)}`)
    .join('');
  return `${base}?graph=${p.graph}${a}&compare=${compareList(p.b)}${extra}`;
};

/** Both panes drawn and B's step line up. */
async function panesReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid=compare-pane-A] [data-testid=gf-edge]', { timeout: 60_000, state: 'attached' });
  await page.waitForSelector('[data-testid=compare-pane-B] [data-testid=gf-edge]', { timeout: 60_000, state: 'attached' });
  await page.waitForSelector('[data-testid=compare-step-B]', { timeout: 60_000 });
  // Both panes have drawn their graphs: a step key now is carried out at once, not held.
  for (const side of ['A', 'B'])
    await page.waitForSelector(`[data-testid=compare-pane-${side}] [data-testid=canvas][data-drawn=true]`, {
      timeout: 60_000,
      state: 'attached',
    });
  await page.waitForFunction(() => /\d+ \/ [1-9]/.test(document.querySelector('[data-testid=step-counter]')?.textContent ?? ''));
}

/**
 * The ratio view has fitted its graph: React Flow keeps a node hidden until it has measured it,
 * and fits the view (`fitView`) in the same update that makes the nodes visible.
 */
const ratioFitted = (page: Page): Promise<unknown> =>
  page.waitForFunction(() => {
    const nodes = [...document.querySelectorAll<HTMLElement>('[data-testid=ratio-view] .react-flow__node')];
    return nodes.length > 0 && nodes.every((n) => n.style.visibility !== 'hidden');
  });

interface PaneStep {
  cursor: number;
  node: string;
  phase: string;
  counterpart?: string;
}

const paneSteps = (page: Page): Promise<{ a: PaneStep; b: PaneStep }> =>
  page.evaluate(() => {
    const read = (id: string) => {
      const el = document.querySelector(`[data-testid=${id}]`) as HTMLElement | null;
      const d = el?.dataset ?? {};
      return { cursor: Number(d.cursor), node: d.node ?? '', phase: d.phase ?? '', counterpart: d.counterpart };
    };
    return { a: read('compare-step-A'), b: read('compare-step-B') };
  });

/** ‖∇‖ of every drawn edge of one pane, by id. */
const paneNorms = (page: Page, side: 'A' | 'B'): Promise<Record<string, string>> =>
  page.$$eval(`[data-testid=compare-pane-${side}] [data-testid=gf-edge]`, (els) =>
    Object.fromEntries(els.map((e) => [(e as HTMLElement).dataset.edgeId, (e as HTMLElement).dataset.gradNorm ?? ''])),
  );

/**
 * The top of the ‖∇‖ scale each gradient edge of a pane was drawn on, in decades: an edge of norm
 * n drawn w px wide sits at level t = (w − 1.6) / 6 on a log scale spanning 6 decades below its top
 * (src/ui/canvas/edgeLook.ts), so top = log₁₀ n + 6 (1 − t). Only edges strictly inside the scale.
 */
const paneScaleTops = (page: Page, side: 'A' | 'B'): Promise<number[]> =>
  page.$$eval(`[data-testid=compare-pane-${side}] [data-testid=gf-edge][data-look=grad]`, (els) =>
    els.flatMap((e) => {
      const n = Number((e as HTMLElement).dataset.gradNorm);
      const t = (Number(e.querySelector('.gf-edge__line')?.getAttribute('stroke-width')) - 1.6) / 6;
      return n > 0 && t > 1e-6 && t < 1 - 1e-6 ? [Math.log10(n) + 6 * (1 - t)] : [];
    }),
  );

const shapeOf = (steps: { phase: Phase; node: string }[]) => steps.map((s) => ({ phase: s.phase, node: s.node }));

describe('compare mode through the deep link: one scrubber, aligned panes, the ratio view', () => {
  for (const preset of COMPARE_PRESETS) {
    test(`${preset.id}: every step by → keeps B on A's node and phase; the ratio view matches the panes' norms`, {
      timeout: 240_000,
    }, async () => {
      const w = await openPage(browser);
      const { page, errors } = w;
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(linkOf(preset));
      await panesReady(page);
      // The headers say which options each pane runs.
      for (const [side, set] of [
        ['A', preset.a],
        ['B', preset.b],
      ] as const) {
        const text = (await page.textContent(`[data-testid=compare-options-${side}]`)) ?? '';
        for (const [k, v] of Object.entries(set)) expect(text).toContain(`${k} = ${String(v)}`);
      }
      // The alignment the panes must show, from the two traces computed here by the engine.
      const aSteps = await page.evaluate(() =>
        (globalThis as any).__gradflow.getState().run.trace.steps.map((s: any) => ({ phase: s.phase, node: s.node })),
      );
      const bSteps = shapeOf(run(preset.graph, { ...preset.a, ...preset.b }).trace.steps);
      expect(aSteps).toEqual(shapeOf(run(preset.graph, { ...preset.a }).trace.steps));
      const al = alignSteps(aSteps, bSteps);
      const n = aSteps.length;
      await page.locator('[data-testid=compare-pane-A] [data-testid=commentary], [data-testid=commentary]').first().click();
      let unmatched = 0;
      for (let k = 1; k <= n; k++) {
        await page.keyboard.press('ArrowRight');
        await expect.poll(async () => (await paneSteps(page)).a.cursor).toBe(k);
        const { a, b } = await paneSteps(page);
        expect([a.node, a.phase]).toEqual([aSteps[k - 1].node, aSteps[k - 1].phase]);
        expect(b.cursor).toBe(al.cursorOf(k));
        if (b.counterpart === 'yes') {
          if (k < n) expect([b.node, b.phase]).toEqual([a.node, a.phase]);
        } else {
          unmatched++;
          expect(al.hasCounterpart(k)).toBe(false);
          // Really none: B runs this node and phase fewer times than A has by now (ex07: LoRA's BA and W = W₀ + BA).
          const same = (s: { node: string; phase: string }) => s.node === a.node && s.phase === a.phase;
          expect(bSteps.filter(same).length).toBeLessThan(aSteps.slice(0, k).filter(same).length);
        }
      }
      expect(await counterText(page)).toBe(`${n} / ${n}`);
      // ex04, ex05 (A keeps everything) and ex09 (A plain): B only adds steps; ex07's LoRA has steps full fine-tuning lacks.
      if (preset.graph === 'ex07-lora-gradients') expect(unmatched).toBeGreaterThan(0);
      else expect(unmatched).toBe(0);
      // B's own extra steps (ex05's recomputes, ex09's branch) are passed over: its cursor jumps.
      const jumps = Array.from({ length: n }, (_, k) => al.cursorOf(k + 1) - al.cursorOf(k)).filter((d) => d > 1).length;
      if (preset.graph === 'ex05-gradient-checkpointing' || preset.graph === 'ex09-residual-flow') expect(jumps).toBeGreaterThan(0);
      // ← steps both back.
      await page.keyboard.press('ArrowLeft');
      await expect.poll(async () => (await paneSteps(page)).b.cursor).toBe(al.cursorOf(n - 1));
      // The scrubber: a click seeks A, B follows.
      const track = await page.locator('[role=slider][aria-label=step]').boundingBox();
      if (!track) throw new Error('no scrubber');
      await page.mouse.click(track.x + track.width * 0.6, track.y + track.height / 2);
      const seeked = (await paneSteps(page)).a.cursor;
      expect(seeked).toBeGreaterThan(0);
      expect(seeked).toBeLessThan(n);
      expect((await paneSteps(page)).b.cursor).toBe(al.cursorOf(seeked));
      await page.screenshot({ path: join(SHOTS, `${preset.id}-panes-1920.png`) });

      // At the end: the ratio view's edges against the two panes' own ‖∇‖.
      await page.keyboard.press('End');
      await expect.poll(async () => (await paneSteps(page)).b.cursor).toBe(bSteps.length);
      const normsA = await paneNorms(page, 'A');
      const normsB = await paneNorms(page, 'B');
      // One colour scale for both panes: every gradient edge of A and of B drawn on the same top.
      const tops = [...(await paneScaleTops(page, 'A')), ...(await paneScaleTops(page, 'B'))];
      expect(tops.length).toBeGreaterThan(1);
      expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(1e-6);
      await page.click('[data-testid=compare-view-ratio]');
      await page.waitForSelector('[data-testid=ratio-edge]', { state: 'attached', timeout: 30_000 });
      // the ratio view's legend names that scale: its top is the one both panes drew on
      const shared = Number(await page.getAttribute('[data-testid=ratio-shared-scale]', 'data-top'));
      expect(Math.abs(Math.log10(shared) - (tops[0] as number))).toBeLessThan(1e-6);
      await expect.poll(() => new URL(page.url()).searchParams.get('compareView')).toBe('ratio');
      const decades = Number(await page.getAttribute('[data-testid=ratio-legend]', 'data-decades'));
      const scale = ratioScale(decades);
      const edges = await page.$$eval('[data-testid=ratio-edge]', (els) =>
        els.map((e) => {
          const d = (e as HTMLElement).dataset;
          const line = e.querySelectorAll('path')[1];
          return {
            id: d.edgeId ?? '',
            other: d.other ?? '',
            kind: d.kind ?? '',
            log: d.logRatio ?? '',
            colour: line?.getAttribute('stroke') ?? '',
            label: e.querySelector('text')?.textContent ?? null,
          };
        }),
      );
      let compared = 0;
      for (const e of edges) {
        const na = normsA[e.id];
        const nb = normsB[e.other];
        if (e.kind === 'ratio') {
          if (na === undefined || nb === undefined) continue; // a pane did not mount that edge (off screen)
          const expected = Math.log10(Number(nb)) - Math.log10(Number(na));
          expect(Math.abs(Number(e.log) - expected), e.id).toBeLessThan(1e-9);
          expect(e.label).toBe(fmtDecades(expected));
          expect(e.colour).toBe(scale.colour(Number(e.log)));
          compared++;
        } else if (e.kind === 'only-a') {
          expect(e.label).toBe('A only');
          if (nb !== undefined) expect(e.other).toBe('');
        } else if (e.kind === 'pending' && na !== undefined && nb !== undefined) {
          // No gradient flows back along it on either side (into a constant).
          expect([na, nb]).toEqual(['', '']);
        }
      }
      expect(compared).toBeGreaterThanOrEqual(preset.graph === 'ex07-lora-gradients' ? 2 : 5);
      if (preset.graph === 'ex07-lora-gradients') {
        expect(edges.filter((e) => e.kind === 'only-a').length).toBeGreaterThan(0);
        expect(edges.find((e) => e.id === 'W->y#0')?.kind).toBe('ratio');
      }
      if (preset.graph === 'ex09-residual-flow')
        expect(Number(await page.getAttribute('[data-testid=ratio-only-b]', 'data-count'))).toBe(60);
      await page.screenshot({ path: join(SHOTS, `${preset.id}-ratio-1920.png`) });
      expect(errors).toEqual([]);
      await w.context.close();
    });
  }

  test('ex09 at 1920×1080: pane B (124 nodes) draws at A’s semantic zoom, heatmaps and all, though it fits at a smaller zoom', {
    timeout: 120_000,
  }, async () => {
    const w = await openPage(browser, { viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
    const { page, errors } = w;
    await page.goto(`${base}?graph=ex09-residual-flow&compare=opt.residual=true`);
    await panesReady(page);
    const panes = await page.evaluate(() =>
      ['A', 'B'].map((side) => {
        const pane = document.querySelector(`[data-testid=compare-pane-${side}]`) as HTMLElement;
        const zoom = Number(/scale\(([\d.]+)\)/.exec((pane.querySelector('.react-flow__viewport') as HTMLElement).style.transform)?.[1]);
        // every heatmap drawn in the pane: its size on screen and how many of its cells are coloured
        const heat = [...pane.querySelectorAll<HTMLCanvasElement>('.react-flow__node canvas')].map((c) => {
          const px = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
          let coloured = 0;
          for (let i = 0; i < px.length; i += 4) if ((px[i + 3] as number) > 0) coloured++;
          const r = c.getBoundingClientRect();
          return { w: r.width, h: r.height, coloured };
        });
        const level = (pane.querySelector('[data-testid=canvas-flow]') as HTMLElement).dataset.zoomLevel;
        return { side, zoom, level, heat };
      }),
    );
    const [a, b] = panes as [(typeof panes)[0], (typeof panes)[0]];
    await page.screenshot({ path: join(SHOTS, 'ex09-panes-1920.png') });
    // the case: B's graph is bigger, so its fitted zoom is smaller than A's (below the far threshold, 0.3)
    expect(b.zoom).toBeLessThan(a.zoom);
    expect([a.level, b.level]).toEqual(['near', 'near']);
    // B's value heatmaps (J1…J20's, drawn before any step) are on screen and coloured, as A's are
    const shown = (h: (typeof b.heat)[0]) => h.w > 0 && h.h > 0 && h.coloured > 0;
    expect(a.heat.filter(shown).length).toBeGreaterThan(0);
    expect(b.heat.length).toBeGreaterThanOrEqual(20);
    expect(b.heat.filter((h) => !shown(h))).toEqual([]);
    expect(errors).toEqual([]);
    await w.context.close();
  });

  test('presenter 1280×720: the lecture track leaves pane A’s canvas bar for its own row, and no two of the bar’s controls overlap', {
    timeout: 120_000,
  }, async () => {
    const w = await openPage(browser, { viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
    const { page, errors } = w;
    // ex09 has a lecture track: outside compare mode, presenter puts its bar inside the canvas bar
    await page.goto(`${base}?graph=ex09-residual-flow&present=1`);
    await page.waitForSelector('[data-testid=canvas][data-drawn=true]', { timeout: 60_000 });
    expect(await page.locator('[data-testid=canvas-bar] [data-testid=track-bar]').count()).toBe(1);
    await page.goto(`${base}?graph=ex09-residual-flow&present=1&compare=opt.residual=true`);
    await panesReady(page);
    expect(await page.locator('[data-testid=canvas-bar] [data-testid=track-bar]').count()).toBe(0);
    expect(await page.locator('[data-testid=track-bar]').count()).toBe(1);
    // every pair of visible controls in pane A's canvas bar: none covers another
    const overlaps = await page.evaluate(() => {
      const bar = document.querySelector('[data-testid=compare-pane-A] [data-testid=canvas-bar]') as HTMLElement;
      const boxes = [...bar.querySelectorAll<HTMLElement>('button, select, summary')]
        .map((el) => ({ name: (el.textContent ?? '').trim() || (el.getAttribute('aria-label') ?? ''), r: el.getBoundingClientRect() }))
        .filter((b) => b.r.width > 0 && b.r.height > 0);
      const out: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = (boxes[i] as (typeof boxes)[0]).r;
          const b = (boxes[j] as (typeof boxes)[0]).r;
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
            out.push(`${(boxes[i] as (typeof boxes)[0]).name} × ${(boxes[j] as (typeof boxes)[0]).name}`);
        }
      return { count: boxes.length, out };
    });
    await page.screenshot({ path: join(SHOTS, 'ex09-presenter-compare-1280.png') });
    expect(overlaps.count).toBeGreaterThan(3);
    expect(overlaps.out).toEqual([]);
    expect(errors).toEqual([]);
    await w.context.close();
  });

  test('the link follows the comparison and restores it on reload; a preset is one click; 1280×720', { timeout: 180_000 }, async () => {
    const w = await openPage(browser);
    const { page, errors } = w;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${base}?graph=ex04-vanishing-gradients&step=70&compare=opt.activation=relu,opt.init=he`);
    await panesReady(page);
    expect((await paneSteps(page)).a.cursor).toBe(70);
    await page.selectOption('[aria-label="pane B: Activation"]', { label: 'tanh' });
    await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('opt.activation=tanh,opt.init=he');
    expect(new URL(page.url()).search).toContain('compare=opt.activation=tanh,opt.init=he');
    await page.reload();
    await panesReady(page);
    await expect.poll(async () => (await page.textContent('[data-testid=compare-options-B]')) ?? '').toContain('activation = tanh');
    expect((await paneSteps(page)).a.cursor).toBe(70);
    await page.screenshot({ path: join(SHOTS, 'ex04-panes-1280.png') });
    // Ending compare mode takes it out of the link.
    await page.click('[data-testid=compare-close]');
    await expect.poll(() => new URL(page.url()).searchParams.has('compare')).toBe(false);
    // The toolbar's Compare opens the graph's first preset: ex09 plain (A) vs residual (B).
    await page.goto(`${base}?graph=ex09-residual-flow`);
    await page.waitForSelector('[data-testid=compare-toggle]');
    await page.click('[data-testid=compare-toggle]');
    await panesReady(page);
    await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('opt.residual=true');
    await expect.poll(async () => (await page.textContent('[data-testid=compare-options-B]')) ?? '').toContain('residual = true');
    await page.keyboard.press('End');
    await page.click('[data-testid=compare-view-ratio]');
    await page.waitForSelector('[data-testid=ratio-legend]');
    await page.waitForSelector('[data-testid=ratio-edge]', { state: 'attached', timeout: 30_000 });
    await ratioFitted(page);
    await page.screenshot({ path: join(SHOTS, 'ex09-ratio-1280.png') });
    // The other way round (A checkpoints, B keeps everything): A's recompute steps have no counterpart.
    await page.goto(`${base}?graph=ex05-gradient-checkpointing&opt.checkpoint_every=3&compare=opt.checkpoint_every=0&present=1`);
    await panesReady(page);
    const aSteps: { phase: string }[] = await page.evaluate(() => (globalThis as any).__gradflow.getState().run.trace.steps);
    const recompute = aSteps.findIndex((s) => s.phase === 'recompute') + 1;
    expect(recompute).toBeGreaterThan(1);
    for (let k = 0; k < recompute; k++) await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await paneSteps(page)).a.cursor).toBe(recompute);
    const { a, b } = await paneSteps(page);
    expect(a.phase).toBe('recompute');
    expect(b.counterpart).toBe('no');
    expect(await page.textContent('[data-testid=compare-step-B]')).toContain(`no counterpart for A’s recompute ${a.node}`);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await paneSteps(page)).b.cursor).toBe(b.cursor);
    await page.screenshot({ path: join(SHOTS, 'ex05-no-counterpart-present-1280.png') });
    // A value the option does not have: pane B says so, pane A runs on.
    await page.goto(`${base}?graph=ex04-vanishing-gradients&compare=opt.activation=swish`);
    await page.waitForSelector('[data-testid=compare-pane-A] [data-testid=gf-edge]', { state: 'attached', timeout: 60_000 });
    await expect.poll(async () => (await page.textContent('[data-testid=compare-pane-B]')) ?? '', { timeout: 30_000 }).toContain('swish');
    expect(await page.textContent('[data-testid=compare-pane-B]')).toContain('activation');
    expect(await page.textContent('[data-testid=compare-pane-B]')).toContain('Pane B did not run');
    expect(errors).toEqual([]);
    await w.context.close();
  });
});
