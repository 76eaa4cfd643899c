// Ad-hoc probe: the renderer main thread's tasks during a few steps (store.next() → painted),
// each task with its thread time and its largest child events, to see what a step's frame is made of.
//   tsx bench/ui/tasks.ts <built-app-dir> <kind> <N> [steps=3]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../tests/embed/static-server.ts';
import { CHROMIUM_ARGS } from '../../vitest.config.ts';
import { type SyntheticKind, syntheticGraph } from '../synthetic.ts';
import { PAGE_HELPERS } from './paint.ts';
import { isMainThread, type TraceEvent } from './stepTrace.ts';

type W = Record<string, any>;
const [dist, kind = 'wide', nArg = '100', stepsArg = '3'] = process.argv.slice(2) as [string, string?, string?, string?];
const n = Number(nArg);
mkdirSync(join(dist, 'synthetic'), { recursive: true });
writeFileSync(join(dist, 'synthetic', `${kind}-${n}.json`), JSON.stringify(syntheticGraph(kind as SyntheticKind, n)));
const app = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript({ content: PAGE_HELPERS });
  await page.goto(`${app.url}?src=/synthetic/${kind}-${n}.json${process.env.QUERY ?? ''}`);
  await page.waitForFunction(() => document.querySelector('.react-flow__edge') && !document.querySelector('.gf-canvas--message'), null, {
    timeout: 120_000,
  });
  await page.waitForTimeout(1500);
  await page.evaluate(async () => {
    (globalThis as W).__gradflow.getState().seek(5);
    await (globalThis as W).__afterPaint();
    await (globalThis as W).__afterPaint();
  });
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink.user_timing', 'v8.execute'] });
  await page.evaluate(async (k) => {
    const w = globalThis as W;
    for (let i = 0; i < k; i++) {
      performance.mark(`gf-step-a-${i}`);
      w.__gradflow.getState().next();
      await w.__afterPaint();
      performance.mark(`gf-step-c-${i}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }, Number(stepsArg));
  const ev = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const onMain = isMainThread(ev);
  const main = ev.filter((e) => onMain(e) && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const marks = ev.filter((e) => e.name.startsWith('gf-step-')).sort((a, b) => a.ts - b.ts);
  const t0 = marks[0]?.ts ?? 0;
  for (const m of marks) console.log(`${((m.ts - t0) / 1000).toFixed(1)} ms  mark ${m.name}`);
  const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ts >= t0 - 1000);
  for (const t of tasks) {
    const end = t.ts + (t.dur ?? 0);
    const kids = main.filter((e) => e !== t && e.ts >= t.ts && e.ts < end && e.name !== 'ThreadControllerImpl::RunTask');
    const agg = new Map<string, number>();
    for (const k of kids) agg.set(k.name, (agg.get(k.name) ?? 0) + (k.tdur ?? k.dur ?? 0) / 1000);
    const top = [...agg]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 7)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ');
    if ((t.tdur ?? 0) < 200) continue;
    console.log(`${((t.ts - t0) / 1000).toFixed(1).padStart(7)} ms task ${((t.tdur ?? 0) / 1000).toFixed(1)} cpu: ${top}`);
  }
} finally {
  await browser.close();
  await app.close();
}
