// Ad-hoc probe: where a step's time goes (sync JS of store.next vs. until painted; the renderer's
// style/layout/paint totals from a Chromium trace; top self-time functions), one graph.
// PROBE_CSS=… adds a style sheet first (hide a part to see what it costs).
//   tsx bench/ui/probe.ts <built-app-dir> <query>
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic as serveDir } from '../../tests/embed/static-server.ts';
import { CHROMIUM_ARGS } from '../../vitest.config.ts';
import { SYNTHETIC_KINDS, syntheticGraph } from '../synthetic.ts';
import { PAGE_HELPERS } from './paint.ts';

/** Renderer events whose time a step's paint is made of. */
const RENDERING_EVENTS = new Set(['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'UpdateLayoutTree', 'Layout']);
for (const e of ['PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'MajorGC', 'MinorGC']) RENDERING_EVENTS.add(e);

const [dist, query] = process.argv.slice(2) as [string, string];
mkdirSync(join(dist, 'synthetic'), { recursive: true });
for (const k of SYNTHETIC_KINDS)
  for (const n of [100, 500, 2000]) writeFileSync(join(dist, 'synthetic', `${k}-${n}.json`), JSON.stringify(syntheticGraph(k, n)));
const app = await serveDir(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript({ content: PAGE_HELPERS });
  const t0 = Date.now();
  await page.goto(`${app.url}${query}`);
  await page.waitForFunction(() => document.querySelector('.react-flow__edge') && !document.querySelector('.gf-canvas--message'), null, {
    timeout: 120_000,
  });
  console.log(
    'open (wall, from goto)',
    Date.now() - t0,
    'ms; nodes',
    await page.evaluate(() => document.querySelectorAll('.react-flow__node').length),
  );
  // PROBE_CSS: extra CSS for an experiment (e.g. hide a part to see what it costs).
  if (process.env.PROBE_CSS) await page.addStyleTag({ content: process.env.PROBE_CSS });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  // Where the native time goes (style, layout, paint…): a Chromium trace over the same steps.
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const r = await page.evaluate(async () => {
    const w = globalThis as Record<string, any>;
    const s = w.__gradflow;
    const out: string[] = [];
    for (let i = 0; i < 12; i++) {
      const a = performance.now();
      s.getState().next();
      const b = performance.now();
      const c = await w.__afterPaint();
      out.push(`${(b - a).toFixed(1)}/${(c - a).toFixed(1)}`);
    }
    return out.join(' ');
  });
  console.log('step sync/painted ms:', r);
  const trace = JSON.parse((await browser.stopTracing()).toString()) as {
    traceEvents: { name: string; ph: string; dur?: number; tid: number; args?: { data?: { frame?: string } } }[];
  };
  const byName = new Map<string, number>();
  for (const e of trace.traceEvents)
    if (e.ph === 'X' && e.dur && RENDERING_EVENTS.has(e.name)) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
  console.log(
    'trace totals over the steps (ms, nested events overlap):',
    Object.fromEntries([...byName].map(([k, v]) => [k, Math.round(v)])),
  );
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number }[] };
  };
  const self = new Map<string, number>();
  for (const n of profile.nodes) {
    const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + n.hitCount);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(((100 * v) / total).toFixed(1).padStart(5), k);
} finally {
  await browser.close();
  await app.close();
}
