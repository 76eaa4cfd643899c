// Where an open's time goes, phase by phase, for the synthetic graphs at one size (a probe,
// not a figure of bench:ui): the worker's run, buildStructure, the elk pass, the layout as a
// whole, React Flow's mount (layout done → graph's nodes in the DOM), first painted frame;
// plus the main thread's top self-time functions over the open (CDP sampling profiler).
//   tsx bench/ui/phases.ts [N=2000] [kinds=chain,wide,attention]
// PHASES_MINIFY=0 builds unminified (readable function names in the profile).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../tests/embed/static-server.ts';
import { CHROMIUM_ARGS } from '../../vitest.config.ts';
import { type SyntheticKind, syntheticGraph } from '../synthetic.ts';
import { PAGE_HELPERS } from './paint.ts';

type W = Record<string, any>;
const n = Number(process.argv[2] ?? 2000);
const kinds = (process.argv[3] ?? 'chain,wide,attention').split(',') as SyntheticKind[];
const ROOT = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'gradflow-phases-'));
execFileSync(
  join(ROOT, 'node_modules/.bin/vite'),
  ['build', '--outDir', tmp, '--emptyOutDir', '--logLevel', 'error', ...(process.env.PHASES_MINIFY === '0' ? ['--minify', 'false'] : [])],
  {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  },
);
mkdirSync(join(tmp, 'synthetic'));
for (const k of kinds) writeFileSync(join(tmp, 'synthetic', `${k}-${n}.json`), JSON.stringify(syntheticGraph(k, n)));
const app = await serveStatic(tmp);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  for (const kind of kinds) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript({ content: PAGE_HELPERS });
    await page.goto(`${app.url}?graph=ex01-scalar-chain-rule&step=0`);
    await page.evaluate(() => (globalThis as W).__paintedWhen(() => document.querySelector('.react-flow__edge')));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    const phases = await page.evaluate(async (file) => {
      const w = globalThis as W;
      const spec = await (await fetch(file)).json();
      const ids = new Set<string>([...spec.nodes.map((x: W) => x.id), ...(spec.groups ?? []).map((g: W) => g.id)]);
      const s = w.__gradflow;
      performance.clearMeasures();
      const out: Record<string, number> = {};
      let mounted = 0;
      const mo = new MutationObserver(() => {
        if (mounted) return;
        for (const el of document.querySelectorAll('.react-flow__node')) {
          const id = el.getAttribute('data-id') ?? '';
          if (ids.has(id) || ids.has(id.replace(/^group:/, ''))) {
            mounted = performance.now();
            return;
          }
        }
      });
      mo.observe(document.body, { childList: true, subtree: true });
      const t0 = performance.now();
      const unsub = s.subscribe((st: W) => {
        if (!out.run && st.run?.graph.id === spec.id) out.run = performance.now() - t0;
      });
      void s.getState().loadSpec(spec);
      const painted = await w.__paintedWhen(() => s.getState().run?.graph.id === spec.id && w.__anyShown(ids));
      unsub();
      mo.disconnect();
      for (const name of ['structure', 'layout', 'elk', 'layered']) {
        const m = performance.getEntriesByName(`gf:${name}`).at(-1);
        if (m) out[name] = m.duration;
        if (m && name === 'layout') out.layout_end = m.startTime + m.duration - t0;
      }
      out.mounted = mounted - t0;
      out.painted = painted - t0;
      out.dom_nodes = document.querySelectorAll('.react-flow__node').length;
      out.dom_elements = document.querySelectorAll('.react-flow *').length;
      return out;
    }, `/synthetic/${kind}-${n}.json`);
    const { profile } = (await cdp.send('Profiler.stop')) as {
      profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number }[] };
    };
    const r = (x: number | undefined) => (x === undefined ? '—' : Math.round(x));
    console.log(
      `${kind}-${n}: run ${r(phases.run)} ms | structure ${r(phases.structure)} | elk ${r(phases.elk)} | layered ${r(phases.layered)} | layout ${r(phases.layout)} (done at ${r(phases.layout_end)}) | mounted at ${r(phases.mounted)} | painted at ${r(phases.painted)} | ${phases.dom_nodes} RF nodes, ${phases.dom_elements} elements`,
    );
    const self = new Map<string, number>();
    for (const x of profile.nodes) {
      const k = `${x.callFrame.functionName || '(anon)'} ${x.callFrame.url.split('/').pop()}:${x.callFrame.lineNumber}`;
      self.set(k, (self.get(k) ?? 0) + x.hitCount);
    }
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 14))
      console.log(`   ${((100 * v) / total).toFixed(1).padStart(5)}% ${k}`);
    await page.close();
  }
} finally {
  await browser.close();
  await app.close();
  rmSync(tmp, { recursive: true, force: true });
}
