// Ad-hoc probe: where a step's time goes (sync JS of store.next vs. until painted), one graph.
//   tsx bench/ui/probe.ts <built-app-dir> <query>
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic as serveDir } from '../../tests/embed/static-server.ts';
import { CHROMIUM_ARGS } from '../../vitest.config.ts';
import { SYNTHETIC_KINDS, syntheticGraph } from '../synthetic.ts';
import { PAGE_HELPERS } from './paint.ts';

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
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
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
