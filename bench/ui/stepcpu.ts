// Ad-hoc probe: what one step costs in CPU time (thread time from a Chromium trace, so other
// processes on a loaded machine do not count), split by what the renderer did; several CSS
// variants of the same page interleaved (hide a part to see what it costs). Not a figure of bench:ui.
//   tsx bench/ui/stepcpu.ts <built-app-dir> <kind> <N> [steps=12]
//   VARIANTS='{"base":"","no-edges":".react-flow__edges{display:none}"}'
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../tests/embed/static-server.ts';
import { CHROMIUM_ARGS } from '../../vitest.config.ts';
import { type SyntheticKind, syntheticGraph } from '../synthetic.ts';
import { PAGE_HELPERS } from './paint.ts';

type W = Record<string, any>;
interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

const [dist, kind = 'chain', nArg = '2000', stepsArg = '12'] = process.argv.slice(2) as [string, string?, string?, string?];
const n = Number(nArg);
const steps = Number(stepsArg);
const query = process.env.QUERY ?? '';
mkdirSync(join(dist, 'synthetic'), { recursive: true });
writeFileSync(join(dist, 'synthetic', `${kind}-${n}.json`), JSON.stringify(syntheticGraph(kind as SyntheticKind, n)));
const variants: Record<string, string> = JSON.parse(process.env.VARIANTS ?? '{"base":""}');
/** Renderer events a step's frame is made of (main thread), by thread time. */
const PARTS = ['FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'MinorGC', 'MajorGC'];

const app = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
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
  const all = new Map<string, number>();
  const rows: Record<string, { wall: number[]; cpu: number[]; other: number[]; parts: Record<string, number[]> }> = {};
  for (let round = 0; round < 2; round++)
    for (const [name, css] of Object.entries(variants)) {
      await page.evaluate((css) => {
        let st = document.getElementById('probe-css');
        if (!st) {
          st = document.createElement('style');
          st.id = 'probe-css';
          document.head.appendChild(st);
        }
        st.textContent = css;
      }, css);
      await page.evaluate(() => (globalThis as W).__afterPaint());
      await browser.startTracing(page, {
        categories: ['toplevel', 'devtools.timeline', 'blink.user_timing', 'disabled-by-default-devtools.timeline'],
      });
      const wall = await page.evaluate(async (count) => {
        const w = globalThis as W;
        const s = w.__gradflow;
        const len = s.getState().run.trace.steps.length;
        const out: number[] = [];
        let i = 0;
        for (const start of [3, Math.floor(len / 2) + 5]) {
          s.getState().seek(start);
          await w.__afterPaint();
          await w.__afterPaint();
          for (let k = 0; k < count / 2; k++, i++) {
            performance.mark(`gf-step-a-${i}`);
            const a = performance.now();
            s.getState().next();
            const c = await w.__afterPaint();
            performance.mark(`gf-step-c-${i}`);
            out.push(c - a);
          }
        }
        return out;
      }, steps);
      const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
      const ev = trace.traceEvents;
      const main = ev.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
      const marks = new Map<string, number>();
      for (const e of ev) if (e.name.startsWith('gf-step-')) marks.set(e.name, e.ts);
      rows[name] ??= { wall: [], cpu: [], other: [], parts: {} };
      const row = rows[name];
      row.wall.push(...wall);
      if (process.env.DUMP && round === 0) {
        const a = marks.get('gf-step-a-3') as number;
        const c = marks.get('gf-step-c-3') as number;
        for (const e of ev)
          if (main && e.pid === main.pid && e.tid === main.tid && e.ts >= a - 2000 && e.ts <= c && (e.dur ?? 0) > 200)
            console.log(
              ((e.ts - a) / 1000).toFixed(1).padStart(7),
              ((e.dur ?? 0) / 1000).toFixed(1).padStart(6),
              e.name,
              JSON.stringify(e.args ?? {}).slice(0, 300),
            );
      }
      for (let i = 0; i < wall.length; i++) {
        const a = marks.get(`gf-step-a-${i}`);
        const c = marks.get(`gf-step-c-${i}`);
        if (a === undefined || c === undefined) continue;
        let cpu = 0;
        let other = 0;
        const parts: Record<string, number> = {};
        for (const e of ev) {
          if (e.ph !== 'X' || e.ts < a || e.ts > c || e.tdur === undefined) continue;
          const onMain = main && e.pid === main.pid && e.tid === main.tid;
          if (e.name === 'ThreadControllerImpl::RunTask') {
            if (onMain) cpu += e.tdur / 1000;
            else other += e.tdur / 1000;
          } else if (onMain && PARTS.includes(e.name)) parts[e.name] = (parts[e.name] ?? 0) + e.tdur / 1000;
          if (onMain && process.env.ALL_EVENTS) all.set(e.name, (all.get(e.name) ?? 0) + e.tdur / 1000);
        }
        row.cpu.push(cpu);
        row.other.push(other);
        for (const p of PARTS) {
          row.parts[p] ??= [];
          row.parts[p].push(parts[p] ?? 0);
        }
      }
    }
  if (process.env.ALL_EVENTS)
    console.log(
      [...all]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 30)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join('\n'),
    );
  // Idle after a step (its particles moving, a folded block pulsing): what every frame costs.
  for (const [name, css] of Object.entries(variants)) {
    await page.evaluate((css) => {
      (document.getElementById('probe-css') as HTMLStyleElement).textContent = css;
    }, css);
    await page.evaluate(() => (globalThis as W).__afterPaint());
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
    await page.waitForTimeout(1000);
    const ev = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
    const main = ev.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const ts = ev.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.tdur !== undefined);
    const t0 = Math.min(...ts.map((e) => e.ts));
    const t1 = Math.max(...ts.map((e) => e.ts + (e.dur ?? 0)));
    const sum = (f: (e: TraceEvent) => boolean) => ts.filter(f).reduce((a, e) => a + (e.tdur as number) / 1000, 0);
    const onMain = (e: TraceEvent) => !!main && e.pid === main.pid && e.tid === main.tid;
    const frames = ev.filter((e) => e.name === 'Paint' && onMain(e)).length;
    console.log(
      `${name.padEnd(14)} idle: main ${((sum(onMain) * 1000) / ((t1 - t0) / 1000)).toFixed(0)} ms/s, other ${((sum((e) => !onMain(e)) * 1000) / ((t1 - t0) / 1000)).toFixed(0)} ms/s, ${frames} main-thread paints`,
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
