// Ad-hoc probe: what one step costs in CPU time (thread time from a Chromium trace, so other
// processes on a loaded machine do not count), split by what the renderer did; several CSS
// variants of the same page interleaved (hide a part to see what it costs); then what an idle
// second costs after a step (its particles moving). Not a figure of bench:ui.
//   tsx bench/ui/stepcpu.ts <built-app-dir> <kind> <N> [steps=12]
//   VARIANTS='{"base":"","no-edges":".react-flow__edges{display:none}"}'  QUERY='&present=1'
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../tests/embed/static-server.ts';
import { CHROMIUM_ARGS } from '../../vitest.config.ts';
import { type SyntheticKind, syntheticGraph } from '../synthetic.ts';
import { PAGE_HELPERS } from './paint.ts';
import { isMainThread, PARTS, type TraceEvent, traceSteps } from './stepTrace.ts';

type W = Record<string, any>;
const [dist, kind = 'chain', nArg = '2000', stepsArg = '12'] = process.argv.slice(2) as [string, string?, string?, string?];
const n = Number(nArg);
const steps = Number(stepsArg);
const query = process.env.QUERY ?? '';
mkdirSync(join(dist, 'synthetic'), { recursive: true });
writeFileSync(join(dist, 'synthetic', `${kind}-${n}.json`), JSON.stringify(syntheticGraph(kind as SyntheticKind, n)));
const variants: Record<string, string> = JSON.parse(process.env.VARIANTS ?? '{"base":""}');

const app = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const setCss = (page: import('playwright-core').Page, css: string) =>
  page.evaluate((c) => {
    let st = document.getElementById('probe-css');
    if (!st) {
      st = document.createElement('style');
      st.id = 'probe-css';
      document.head.appendChild(st);
    }
    st.textContent = c;
  }, css);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript({ content: PAGE_HELPERS });
  await page.goto(`${app.url}?src=/synthetic/${kind}-${n}.json${query}`);
  await page.waitForFunction(() => document.querySelector('.react-flow__edge') && !document.querySelector('.gf-canvas--message'), null, {
    timeout: 120_000,
  });
  await page.waitForTimeout(1000);
  console.log(
    JSON.stringify(
      await page.evaluate(() => ({
        flow_nodes: document.querySelectorAll('.react-flow__node').length,
        flow_edges: document.querySelectorAll('.react-flow__edge').length,
        elements: document.querySelectorAll('*').length,
        zoom: document.querySelector('[data-zoom-level]')?.getAttribute('data-zoom-level'),
      })),
    ),
  );
  const len = await page.evaluate(() => (globalThis as W).__gradflow.getState().run.trace.steps.length as number);
  const rows: Record<string, { wall: number[]; cpu: number[]; other: number[]; parts: Record<string, number[]> }> = {};
  for (let round = 0; round < 2; round++)
    for (const [name, css] of Object.entries(variants)) {
      await setCss(page, css);
      await page.evaluate(() => (globalThis as W).__afterPaint());
      rows[name] ??= { wall: [], cpu: [], other: [], parts: {} };
      const row = rows[name];
      for (const c of await traceSteps(browser, page, [3, Math.floor(len / 2) + 5], Math.ceil(steps / 2))) {
        row.wall.push(c.wall);
        row.cpu.push(c.cpu);
        row.other.push(c.other);
        for (const p of PARTS) {
          row.parts[p] ??= [];
          row.parts[p].push(c.parts[p] ?? 0);
        }
      }
    }
  for (const [name, css] of Object.entries(variants)) {
    await setCss(page, css);
    await page.evaluate(() => (globalThis as W).__afterPaint());
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
    await page.waitForTimeout(1000);
    const ev = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
    const onMain = isMainThread(ev);
    const ts = ev.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.tdur !== undefined);
    const span = (Math.max(...ts.map((e) => e.ts + (e.dur ?? 0))) - Math.min(...ts.map((e) => e.ts))) / 1e6;
    const sum = (f: (e: TraceEvent) => boolean) => ts.filter(f).reduce((a, e) => a + (e.tdur as number) / 1000, 0);
    const paints = ev.filter((e) => e.name === 'Paint' && onMain(e)).length;
    console.log(
      `${name.padEnd(14)} idle: main ${(sum(onMain) / span).toFixed(0)} ms/s, other ${(sum((e) => !onMain(e)) / span).toFixed(0)} ms/s, ${paints} main-thread paints`,
    );
  }
  console.log('per step, medians (ms): wall = step → painted; cpu = renderer main thread time; other = other threads');
  for (const [name, r] of Object.entries(rows)) {
    const parts = PARTS.map((p) => `${p} ${med(r.parts[p] ?? []).toFixed(1)}`).join(', ');
    console.log(
      `${name.padEnd(14)} wall ${med(r.wall).toFixed(1)} | cpu ${med(r.cpu).toFixed(1)} | other ${med(r.other).toFixed(1)} | ${parts}`,
    );
  }
} finally {
  await browser.close();
  await app.close();
}
