// Two builds of the app side by side in one run, interleaved (A B B A per round), on the
// 2,000-node synthetic graphs: open (loadSpec → painted) and step latency (key → painted).
// A benchmark for "before / after" figures on a loaded machine, where runs apart do not compare;
// with the frame lag and the renderer's CPU time per step (a trace's thread time, see stepTrace.ts),
// and the floor of the key → painted measure in the same run (bench/ui/floor.html, after each side).
//   tsx bench/ui/ab.ts <built-app-A> <built-app-B> [N=2000] [rounds=2]
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../tests/embed/static-server.ts';
import { CHROMIUM_ARGS } from '../../vitest.config.ts';
import { SYNTHETIC_KINDS, syntheticGraph } from '../synthetic.ts';
import { floorTimes, openAppAt, openSynthetic, stepTimes, type W } from './drive.ts';
import { PAGE_HELPERS } from './paint.ts';
import { traceSteps } from './stepTrace.ts';

const [dirA, dirB, nArg, roundsArg] = process.argv.slice(2) as [string, string, string?, string?];
const n = Number(nArg ?? 2000);
const rounds = Number(roundsArg ?? 2);
for (const dir of [dirA, dirB]) {
  mkdirSync(join(dir, 'synthetic'), { recursive: true });
  for (const k of SYNTHETIC_KINDS) writeFileSync(join(dir, 'synthetic', `${k}-${n}.json`), JSON.stringify(syntheticGraph(k, n)));
  copyFileSync(join(import.meta.dirname, 'floor.html'), join(dir, 'floor.html'));
}
const apps = { A: await serveStatic(dirA), B: await serveStatic(dirB) };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))] ?? Number.NaN;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
type Side = 'A' | 'B';
const open: Record<string, Record<Side, number[]>> = {};
const step: Record<string, Record<Side, number[]>> = {};
const lag: Record<string, Record<Side, number[]>> = {};
const cpu: Record<string, Record<Side, number[]>> = {};
const floor: number[] = [];
try {
  for (let r = 0; r < rounds; r++)
    for (const side of ['A', 'B', 'B', 'A'] as Side[])
      for (const kind of SYNTHETIC_KINDS) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.addInitScript({ content: PAGE_HELPERS });
        await openAppAt(page, apps[side].url);
        await page.evaluate(() => (globalThis as W).__watchSteps());
        const o = await openSynthetic(page, `/synthetic/${kind}-${n}.json`);
        const len = await page.evaluate(() => (globalThis as W).__gradflow.getState().run.trace.steps.length as number);
        const t1 = await stepTimes(page, 0, 10);
        const t2 = await stepTimes(page, Math.floor(len / 2) + 5, 10);
        const lat = [...t1.ms, ...t2.ms];
        const costs = (await traceSteps(browser, page, [2, Math.floor(len / 2) + 2], 6)).map((c) => c.cpu);
        open[kind] ??= { A: [], B: [] };
        step[kind] ??= { A: [], B: [] };
        lag[kind] ??= { A: [], B: [] };
        cpu[kind] ??= { A: [], B: [] };
        lag[kind][side].push(...t1.lagFrames, ...t2.lagFrames);
        cpu[kind][side].push(...costs);
        open[kind][side].push(o.open);
        step[kind][side].push(...lat);
        console.error(
          `round ${r} ${side} ${kind}-${n}: open ${Math.round(o.open)} ms, step p95 ${Math.round(p95(lat))} ms, CPU median ${median(costs).toFixed(1)} ms`,
        );
        await page.close();
        const fp = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await fp.addInitScript({ content: PAGE_HELPERS });
        floor.push(...(await floorTimes(fp, `${apps[side].url}floor.html`, 20)));
        await fp.close();
      }
  const out: Record<string, unknown> = { step_floor_p95_ms: Math.round(p95(floor) * 10) / 10 };
  for (const kind of SYNTHETIC_KINDS) {
    const o = open[kind] as Record<Side, number[]>;
    const s = step[kind] as Record<Side, number[]>;
    const l = lag[kind] as Record<Side, number[]>;
    const c = cpu[kind] as Record<Side, number[]>;
    out[`${kind}-${n}`] = {
      open_ms_median: { A: Math.round(median(o.A)), B: Math.round(median(o.B)), ratio_A_over_B: +(median(o.A) / median(o.B)).toFixed(2) },
      step_p95_ms: { A: Math.round(p95(s.A)), B: Math.round(p95(s.B)), ratio_A_over_B: +(p95(s.A) / p95(s.B)).toFixed(2) },
      step_over_floor_ms: { A: Math.round(p95(s.A) - p95(floor)), B: Math.round(p95(s.B) - p95(floor)) },
      step_lag_frames_p95: { A: p95(l.A), B: p95(l.B) },
      step_cpu_ms_median: {
        A: +median(c.A).toFixed(1),
        B: +median(c.B).toFixed(1),
        ratio_A_over_B: +(median(c.A) / median(c.B)).toFixed(2),
      },
      step_cpu_ms_p95: { A: +p95(c.A).toFixed(1), B: +p95(c.B).toFixed(1) },
    };
  }
  console.log(JSON.stringify(out, null, 1));
} finally {
  await browser.close();
  await apps.A.close();
  await apps.B.close();
}
