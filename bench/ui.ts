// UI benchmark: Playwright driving Debian Chromium against production builds made in a temp
// directory (dist/ is left alone), served on OS-chosen ports. A benchmark, not a test.
//
//   open_ms[kind][N]          store.loadSpec(graph) → first painted frame showing it (synthetic graphs),
//                             in an app that has settled (ex01 drawn and its lesson computed: a file
//                             opened by hand comes seconds after the page)
//   open_busy_ms[kind][N]     the same, asked for the moment ex01 is drawn: the compute worker is still
//                             busy with ex01's lesson (its charts re-run the graph), and the new graph waits
//   open_phases[kind][N]      its split: run_ms (engine, to the store), layout_ms (gf:layout), mount_ms
//                             (layout done → painted: React Flow mounting the graph and the first paint)
//   step_p95_ms[kind][N]      → key press → painted frame after the step counter changed
//   step_floor_p95_ms[kind][N]  the measure's floor, taken in the same run right after that graph's
//                             steps: the same key → painted harness on bench/ui/floor.html, a page
//                             whose keydown only changes the counter's text. Headless Chromium here
//                             paints on a 60 Hz clock, so the floor is about one frame (≈ 15–17 ms):
//                             a step drawn in the first frame after its key cannot beat it.
//   step_over_floor_ms[kind][N]  step_p95_ms − step_floor_p95_ms: what the app adds to the floor
//   step_lag_frames_p95[kind][N]  frames begun between the key and the one showing the step (0 = next frame)
//   step_key_paint_p95_ms[kind][N]  the browser's own key → next paint for the same keys (Event Timing
//                             API, what INP reads: keydown entries, 8 ms granularity, under 16 ms counted
//                             as 16); the mark above also counts tasks queued behind the frame.
//                             step_key_paint_floor_p95_ms: the floor page's, in the same run
//   step_cpu_ms[kind][N]      renderer main-thread CPU per step, median and p95 (thread time from a
//                             trace: a loaded machine stretches the wall figures, not this)
//   playback_steps_per_s[kind][N]  steps counted over 3 s of playback at the nominal 10 steps/s;
//                             playback_late_ticks[kind][N] ticks > 150 ms after the previous one
//   dom_per_node[kind][N]     DOM elements inside the node layer per rendered node
//   time_to_first_graph_ms    navigation → first painted frame showing a graph (ex01, fresh context)
//   time_to_first_graph_src_ms  the same for a `?src=` link to a 500-node graph
//   unfold_ms(_max, _by_block) unfolding each block of ex04, ex05 and a synthetic chain (toggleFold) → painted frame showing its members
//   step_latency_p95_ms       key → painted frame on ex04 (folded as opened, and all unfolded);
//                             step_latency_floor_p95_ms the floor page in the same section
//   fps_* / cpu_ms_per_s_*    300 animated edges: gradflow's particle layer vs React Flow's
//                             animated dashes, alternating 3 s windows (ABBA, several rounds);
//                             CPU counts only the Chromium process tree launched here
//   app_shell_kb_gzip         entry JS (+ modulepreloads) index.html loads before anything lazy
//
// "Painted frame": see bench/ui/paint.ts (rAF, then a MessageChannel task after that frame).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { serveStatic as serveDir } from '../tests/embed/static-server.ts';
import { CHROMIUM_ARGS } from '../vitest.config.ts';
import { SYNTHETIC_KINDS, type SyntheticKind, syntheticGraph } from './synthetic.ts';
import { treeCpuMs } from './ui/cpu.ts';
import { floorFigures, openAppAt, openSynthetic, playbackFigures, settled, stepLatencies, stepTimes, type W } from './ui/drive.ts';
import { legibilityFigures } from './ui/legibility-run.ts';
import { PAGE_HELPERS } from './ui/paint.ts';
import { shellSize } from './ui/shell.ts';
import { traceSteps } from './ui/stepTrace.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const only = (name: string) => !args.includes('--only') || args[args.indexOf('--only') + 1]?.split(',').includes(name);
const log = (s: string) => {
  if (!json) console.error(s);
};
const ROOT = resolve(import.meta.dirname, '..');
const vite = join(ROOT, 'node_modules/.bin/vite');
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : undefined;
const SIZES = sizesArg ? sizesArg.split(',').map(Number) : [100, 500, 1000, 2000];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const percentile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? Number.NaN;
const r1 = (x: number) => Math.round(x * 10) / 10;

const tmp = mkdtempSync(join(tmpdir(), 'gradflow-bench-ui-'));
const appDir = join(tmp, 'app');
const benchDir = join(tmp, 'bench');
log(`building app and benchmark page into ${tmp}…`);
const env = { ...process.env, NODE_ENV: 'production' };
execFileSync(vite, ['build', '--outDir', appDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, env, stdio: 'inherit' });
execFileSync(vite, ['build', '--config', 'bench/ui/vite.config.ts', '--outDir', benchDir, '--emptyOutDir', '--logLevel', 'error'], {
  cwd: ROOT,
  env,
  stdio: 'inherit',
});
// The floor page (not part of the bench page's build: a static file beside it).
copyFileSync(join(ROOT, 'bench/ui/floor.html'), join(benchDir, 'floor.html'));
mkdirSync(join(appDir, 'synthetic'));
// (500: the unfold section's chain, whatever --sizes says.)
for (const kind of SYNTHETIC_KINDS)
  for (const n of new Set([...SIZES, 500]))
    writeFileSync(join(appDir, 'synthetic', `${kind}-${n}.json`), JSON.stringify(syntheticGraph(kind, n)));

const app = await serveDir(appDir);
const benchPage = await serveDir(benchDir);
const server = await chromium.launchServer({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const chromiumPid = server.process().pid as number;
const browser: Browser = await chromium.connect(server.wsEndpoint());

async function newPage(width = 1280, height = 800): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height } });
  await ctx.addInitScript({ content: PAGE_HELPERS });
  return ctx.newPage();
}

const openApp = (page: Page, query?: string) => openAppAt(page, app.url, query);

/** p95 of the floor page's key → painted latencies (30 keys) and of its Event Timing key → next paint, on a fresh page of the same browser. */
async function floorP95s(): Promise<{ ms: number; keyPaint: number }> {
  const page = await newPage();
  const f = await floorFigures(page, `${benchPage.url}floor.html`, 30);
  await page.context().close();
  return { ms: r1(percentile(f.ms, 0.95)), keyPaint: r1(percentile(f.keyPaint, 0.95)) };
}

const result: Record<string, unknown> = {};
const errors: Record<string, string> = {};
/** Runs one section; a failure is reported in the output instead of losing the other figures. */
async function section(name: string, f: () => Promise<void>): Promise<void> {
  if (!only(name)) return;
  try {
    await f();
  } catch (e) {
    errors[name] = e instanceof Error ? (e.message.split('\n')[0] ?? String(e)) : String(e);
    log(`  ${name} failed: ${errors[name]}`);
  }
}
try {
  result.app_shell = shellSize(appDir);

  await section('scale', async () => {
    const open: Record<string, Record<number, number>> = {};
    const openBusy: Record<string, Record<number, number>> = {};
    const step: Record<string, Record<number, number>> = {};
    const keyPaint: Record<string, Record<number, number>> = {};
    const keyPaintFloor: Record<string, Record<number, number>> = {};
    const floor: Record<string, Record<number, number>> = {};
    const over: Record<string, Record<number, number>> = {};
    const dom: Record<string, Record<number, number>> = {};
    const phases: Record<string, Record<number, { run_ms: number; layout_ms: number; mount_ms: number }>> = {};
    const lag: Record<string, Record<number, number>> = {};
    const cpu: Record<string, Record<number, { median: number; p95: number }>> = {};
    const playback: Record<string, Record<number, number>> = {};
    const late: Record<string, Record<number, number>> = {};
    for (const kind of SYNTHETIC_KINDS as SyntheticKind[]) {
      open[kind] = {};
      openBusy[kind] = {};
      step[kind] = {};
      keyPaint[kind] = {};
      keyPaintFloor[kind] = {};
      floor[kind] = {};
      over[kind] = {};
      dom[kind] = {};
      phases[kind] = {};
      lag[kind] = {};
      cpu[kind] = {};
      playback[kind] = {};
      late[kind] = {};
      for (const n of SIZES) {
        const busy = await newPage();
        await openApp(busy);
        openBusy[kind][n] = Math.round((await openSynthetic(busy, `/synthetic/${kind}-${n}.json`)).open);
        await busy.context().close();
        const page = await newPage();
        await openApp(page);
        await settled(page);
        await page.evaluate(() => (globalThis as W).__watchSteps());
        const ph = await openSynthetic(page, `/synthetic/${kind}-${n}.json`);
        open[kind][n] = Math.round(ph.open);
        phases[kind][n] = { run_ms: Math.round(ph.run), layout_ms: Math.round(ph.layout), mount_ms: Math.round(ph.mount) };
        dom[kind][n] = r1(
          await page.evaluate(() => {
            const shown = document.querySelectorAll('.react-flow__node').length;
            return document.querySelectorAll('.react-flow__nodes *').length / Math.max(1, shown);
          }),
        );
        const len = await page.evaluate(() => (globalThis as W).__gradflow.getState().run.trace.steps.length as number);
        const t1 = await stepTimes(page, 0, 15);
        const t2 = await stepTimes(page, Math.floor(len / 2) + 5, 15);
        const lat = [...t1.ms, ...t2.ms];
        step[kind][n] = r1(percentile(lat, 0.95));
        keyPaint[kind][n] = r1(percentile([...t1.keyPaint, ...t2.keyPaint], 0.95));
        lag[kind][n] = percentile([...t1.lagFrames, ...t2.lagFrames], 0.95);
        const costs = (await traceSteps(browser, page, [2, Math.floor(len / 2) + 2], 6)).map((c) => c.cpu);
        cpu[kind][n] = { median: r1(median(costs)), p95: r1(percentile(costs, 0.95)) };
        const pb = await playbackFigures(page, 10, 3000);
        playback[kind][n] = pb.steps_per_s;
        late[kind][n] = pb.late_ticks;
        log(
          `  ${kind} ${n}: open ${open[kind][n]} ms (${JSON.stringify(phases[kind][n])}; ${openBusy[kind][n]} ms while ex01's lesson computes), step p95 ${step[kind][n]} ms (lag ${lag[kind][n]} frames, CPU ${JSON.stringify(cpu[kind][n])} ms), playback ${playback[kind][n]}/s (${late[kind][n]} late), ${dom[kind][n]} DOM/node`,
        );
        await page.context().close();
        const fl = await floorP95s();
        floor[kind][n] = fl.ms;
        keyPaintFloor[kind][n] = fl.keyPaint;
        over[kind][n] = r1(step[kind][n] - floor[kind][n]);
        log(
          `  ${kind} ${n}: step p95 ${step[kind][n]} ms, floor p95 ${floor[kind][n]} ms, over the floor ${over[kind][n]} ms; Event Timing key → paint p95 ${keyPaint[kind][n]} ms (floor page ${keyPaintFloor[kind][n]} ms)`,
        );
      }
    }
    Object.assign(result, {
      open_ms: open,
      open_busy_ms: openBusy,
      open_phases: phases,
      step_p95_ms: step,
      step_key_paint_p95_ms: keyPaint,
      step_key_paint_floor_p95_ms: keyPaintFloor,
      step_floor_p95_ms: floor,
      step_over_floor_ms: over,
      step_lag_frames_p95: lag,
      step_cpu_ms: cpu,
      dom_per_node: dom,
      playback_steps_per_s: playback,
      playback_late_ticks: late,
    });
  });

  await section('startup', async () => {
    const first: number[] = [];
    const src: number[] = [];
    let srcDetour = false;
    for (let i = 0; i < 3; i++) {
      const page = await newPage();
      await page.goto(app.url);
      first.push(
        await page.evaluate(() => {
          const w = globalThis as W;
          return w.__paintedWhen(
            () => w.__gradflow?.getState().run && w.__anyShown(new Set(w.__gradflow.getState().run.graph.nodes.map((n: W) => n.id))),
          );
        }),
      );
      await page.context().close();
      const p2 = await newPage();
      // Which graphs the store showed before the linked one (a detour through ex01 is wasted work).
      await p2.addInitScript({
        content: `globalThis.__seen = []; const poll = () => { const id = globalThis.__gradflow?.getState().run?.graph.id; if (id && globalThis.__seen.at(-1) !== id) globalThis.__seen.push(id); requestAnimationFrame(poll); }; requestAnimationFrame(poll);`,
      });
      await p2.goto(`${app.url}?src=/synthetic/chain-500.json`);
      src.push(
        await p2.evaluate(() => {
          const w = globalThis as W;
          return w.__paintedWhen(
            () => w.__gradflow?.getState().run?.graph.id === 'synthetic-chain-500' && w.__anyShown(new Set(['layer1', 'layer2', 'x'])),
          );
        }),
      );
      const seen = await p2.evaluate(() => (globalThis as W).__seen as string[]);
      if (seen[0] !== 'synthetic-chain-500') srcDetour = true;
      await p2.context().close();
    }
    Object.assign(result, {
      time_to_first_graph_ms: Math.round(median(first)),
      time_to_first_graph_src_ms: Math.round(median(src)),
      src_link_showed_another_graph_first: srcDetour,
    });
  });

  await section('ex04', async () => {
    const page = await newPage();
    await openApp(page, '?graph=ex04-vanishing-gradients&step=0');
    await page.evaluate(() => (globalThis as W).__watchSteps());
    const shownFolded = await page.evaluate(() => document.querySelectorAll('.react-flow__node').length);
    const folded = await stepLatencies(page, 0, 40);
    // Everything unfolded: the step cost of the whole graph on screen.
    await page.evaluate(() => {
      const s = (globalThis as W).__gradflow.getState();
      for (const [g, on] of Object.entries(s.folded)) if (on) s.toggleFold(g);
    });
    // (One layout of the whole graph; what is on screen afterwards depends on the view: fit it.)
    await page.evaluate(() =>
      (globalThis as W).__paintedWhen(() => !document.querySelector('.gf-node--folded') && document.querySelector('.gf-frame')),
    );
    await page.keyboard.press('0');
    await page.waitForTimeout(700);
    const shownUnfolded = await page.evaluate(() => document.querySelectorAll('.react-flow__node').length);
    const unfolded = await stepLatencies(page, 0, 40);
    Object.assign(result, {
      step_latency_p95_ms: r1(percentile(folded, 0.95)),
      step_latency_median_ms: r1(median(folded)),
      ex04_nodes_shown_folded: shownFolded,
      step_latency_p95_ms_ex04_unfolded: r1(percentile(unfolded, 0.95)),
      ex04_nodes_shown_unfolded: shownUnfolded,
    });
    await page.context().close();
    const f = (await floorP95s()).ms;
    Object.assign(result, {
      step_latency_floor_p95_ms: f,
      step_latency_over_floor_ms: r1(percentile(folded, 0.95) - f),
      step_latency_over_floor_ms_ex04_unfolded: r1(percentile(unfolded, 0.95) - f),
    });
  });

  await section('unfold', async () => {
    // Every block of ex04 and ex05 (and the first blocks of a synthetic chain), one at a time
    // from the graph as opened: toggleFold → painted frame with the block's members, then folded
    // back. A lecturer unfolds a block they can see: the whole graph is fitted first (`0`; only
    // what is in view is mounted, and an unfold shifts the rest).
    const byGraph: Record<string, Record<string, number>> = {};
    const all: number[] = [];
    const layoutPart: number[] = [];
    const graphs: [string, string][] = [
      ['ex04', '?graph=ex04-vanishing-gradients&step=0'],
      ['ex05', '?graph=ex05-gradient-checkpointing&step=0'],
      ['synthetic-chain-500', ''],
    ];
    for (const [name, query] of graphs) {
      const page = await newPage();
      await openApp(page, query || undefined);
      if (!query) await openSynthetic(page, '/synthetic/chain-500.json');
      // Blocks as opened folded; a graph that opens unfolded (ex05) gets every block folded first.
      const groups = await page.evaluate(async () => {
        const w = globalThis as W;
        const s = w.__gradflow.getState();
        const folded = Object.entries(s.folded as Record<string, boolean>).filter(([, on]) => on);
        if (folded.length) return folded.map(([g]) => g);
        const ids = (s.run.graph.groups as W[]).map((g) => g.id as string);
        w.__gradflow.setState({ folded: Object.fromEntries(ids.map((g) => [g, true])) });
        await w.__paintedWhen(() => ids.every((g) => document.querySelector(`.gf-node--folded[data-testid="group-${g}"]`)));
        return ids;
      });
      byGraph[name] = {};
      for (const g of query ? groups : groups.slice(0, 8)) {
        await page.keyboard.press('0');
        await page.waitForTimeout(700); // the fit's move (380 ms) and its paint
        const ms = await page.evaluate(async (id) => {
          const w = globalThis as W;
          const members = new Set<string>(
            w.__gradflow
              .getState()
              .run.graph.nodes.filter((n: W) => n.group === id)
              .map((n: W) => n.id),
          );
          performance.clearMeasures('gf:unfold');
          const t0 = performance.now();
          w.__gradflow.getState().toggleFold(id);
          const t1 = await w.__paintedWhen(() => document.querySelector(`.gf-frame[data-testid="group-${id}"]`) && w.__anyShown(members));
          return { total: t1 - t0, layout: performance.getEntriesByName('gf:unfold').at(-1)?.duration ?? Number.NaN };
        }, g);
        byGraph[name][g] = Math.round(ms.total);
        layoutPart.push(ms.layout);
        all.push(ms.total);
        // Folded back (not timed) so the next block unfolds from the graph as opened.
        await page.evaluate(async (id) => {
          const w = globalThis as W;
          w.__gradflow.getState().toggleFold(id);
          await w.__paintedWhen(() => document.querySelector(`.gf-node--folded[data-testid="group-${id}"]`));
        }, g);
      }
      log(`  unfold ${name}: ${JSON.stringify(byGraph[name])}`);
      await page.context().close();
    }
    Object.assign(result, {
      unfold_ms: Math.round(median(all)),
      unfold_ms_max: Math.round(Math.max(...all)),
      // Of which the block's own layout (gf:unfold), median: the rest is React Flow mounting it.
      unfold_layout_ms: Math.round(median(layoutPart)),
      unfold_ms_by_block: byGraph,
    });
  });

  await section('edges', async () => {
    // 300 animated edges, the two implementations in alternating windows, ABBA over rounds.
    const fps = { gradient: [] as number[], builtin: [] as number[] };
    const cpu = { gradient: [] as number[], builtin: [] as number[] };
    const page = await newPage(1280, 800);
    const order = ['gradient', 'builtin', 'builtin', 'gradient'] as const;
    for (let round = 0; round < 2; round++) {
      for (const mode of order) {
        await page.goto(`${benchPage.url}?mode=${mode}&n=300`);
        await page.waitForSelector('.react-flow__edge');
        await page.waitForTimeout(800);
        const c0 = treeCpuMs(chromiumPid);
        const t0 = performance.now();
        const f = await page.evaluate(() => (globalThis as W).measureFps(3000) as Promise<number>);
        const c = ((treeCpuMs(chromiumPid) - c0) * 1000) / (performance.now() - t0);
        fps[mode].push(f);
        cpu[mode].push(c);
        log(`  round ${round} ${mode}: ${f.toFixed(1)} fps, Chromium CPU ${c.toFixed(0)} ms/s`);
      }
    }
    const canvasPx = await page.evaluate(() => {
      const c = document.querySelector('.gf-particles') as HTMLCanvasElement | null;
      return c ? `${c.clientWidth}x${c.clientHeight}` : 'none';
    });
    await page.context().close();
    Object.assign(result, {
      fps_gradient_edges_300: r1(median(fps.gradient)),
      fps_reactflow_animated_300: r1(median(fps.builtin)),
      cpu_ms_per_s_gradient_edges_300: Math.round(median(cpu.gradient)),
      cpu_ms_per_s_reactflow_animated_300: Math.round(median(cpu.builtin)),
      cpu_ratio_builtin_vs_gradient: Number((median(cpu.builtin) / median(cpu.gradient)).toFixed(2)),
      particle_canvas_px: canvasPx,
    });
  });

  await section('legibility', async () => {
    Object.assign(result, await legibilityFigures(browser, app.url));
  });
  if (Object.keys(errors).length) result.errors = errors;

  console.log(json ? JSON.stringify(result) : result);
} finally {
  await browser.close();
  await server.close();
  await app.close();
  await benchPage.close();
  rmSync(tmp, { recursive: true, force: true });
}
