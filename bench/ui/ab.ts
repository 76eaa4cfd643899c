// Two builds of the app side by side in one run, interleaved (A B B A per round), on the
// 2,000-node synthetic graphs: open (loadSpec → painted) and step latency (key → painted).
// A benchmark for "before / after" figures on a loaded machine, where runs apart do not compare.
//   tsx bench/ui/ab.ts <built-app-A> <built-app-B> [N=2000] [rounds=2]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../tests/embed/static-server.ts';
import { CHROMIUM_ARGS } from '../../vitest.config.ts';
import { SYNTHETIC_KINDS, syntheticGraph } from '../synthetic.ts';
import { openAppAt, openSynthetic, stepLatencies, type W } from './drive.ts';
import { PAGE_HELPERS } from './paint.ts';

const [dirA, dirB, nArg, roundsArg] = process.argv.slice(2) as [string, string, string?, string?];
const n = Number(nArg ?? 2000);
const rounds = Number(roundsArg ?? 2);
for (const dir of [dirA, dirB]) {
  mkdirSync(join(dir, 'synthetic'), { recursive: true });
  for (const k of SYNTHETIC_KINDS) writeFileSync(join(dir, 'synthetic', `${k}-${n}.json`), JSON.stringify(syntheticGraph(k, n)));
}
const apps = { A: await serveStatic(dirA), B: await serveStatic(dirB) };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))] ?? Number.NaN;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
type Side = 'A' | 'B';
const open: Record<string, Record<Side, number[]>> = {};
const step: Record<string, Record<Side, number[]>> = {};
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
        const lat = [...(await stepLatencies(page, 0, 10)), ...(await stepLatencies(page, Math.floor(len / 2) + 5, 10))];
        open[kind] ??= { A: [], B: [] };
        step[kind] ??= { A: [], B: [] };
        open[kind][side].push(o.open);
        step[kind][side].push(...lat);
        console.error(`round ${r} ${side} ${kind}-${n}: open ${Math.round(o.open)} ms, step p95 ${Math.round(p95(lat))} ms`);
        await page.close();
      }
  const out: Record<string, unknown> = {};
  for (const kind of SYNTHETIC_KINDS) {
    const o = open[kind] as Record<Side, number[]>;
    const s = step[kind] as Record<Side, number[]>;
    out[`${kind}-${n}`] = {
      open_ms_median: { A: Math.round(median(o.A)), B: Math.round(median(o.B)), ratio_A_over_B: +(median(o.A) / median(o.B)).toFixed(2) },
      step_p95_ms: { A: Math.round(p95(s.A)), B: Math.round(p95(s.B)), ratio_A_over_B: +(p95(s.A) / p95(s.B)).toFixed(2) },
    };
  }
  console.log(JSON.stringify(out, null, 1));
} finally {
  await browser.close();
  await apps.A.close();
  await apps.B.close();
}
