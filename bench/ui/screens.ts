// Screenshots for looking at layouts: `tsx bench/ui/screens.ts <out-dir> [built-app-dir]`.
// Builds the app into a temp dir unless one is given; writes <graph>-<w>x<h>.png as opened and
// <graph>-<w>x<h>-stepped.png after a step into the backward pass (→ from 60 % of the trace).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic as serveDir } from '../../tests/embed/static-server.ts';
import { CHROMIUM_ARGS } from '../../vitest.config.ts';
import { syntheticGraph } from '../synthetic.ts';
import { PAGE_HELPERS } from './paint.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const out = resolve(process.argv[2] ?? join(tmpdir(), 'gradflow-screens'));
let dist = process.argv[3];
if (!dist) {
  dist = mkdtempSync(join(tmpdir(), 'gradflow-screens-app-'));
  execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
}
mkdirSync(join(dist, 'synthetic'), { recursive: true });
writeFileSync(join(dist, 'synthetic', 'chain-500.json'), JSON.stringify(syntheticGraph('chain', 500)));
writeFileSync(join(dist, 'synthetic', 'attention-500.json'), JSON.stringify(syntheticGraph('attention', 500)));
for (const k of ['chain', 'wide', 'attention'] as const)
  writeFileSync(join(dist, 'synthetic', `${k}-2000.json`), JSON.stringify(syntheticGraph(k, 2000)));
mkdirSync(out, { recursive: true });
const app = await serveDir(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const shots = (
  process.env.SHOTS ??
  'graph=ex04-vanishing-gradients,graph=ex05-gradient-checkpointing,graph=ex09-residual-flow,src=/synthetic/chain-500.json,src=/synthetic/attention-500.json'
).split(',');
try {
  for (const [w, h] of [
    [1920, 1080],
    [1280, 720],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    await page.addInitScript({ content: PAGE_HELPERS });
    for (const q of shots) {
      await page.goto(`${app.url}?${q}&step=0${w === 1920 ? '&present=1' : ''}`);
      await page.waitForFunction(
        () => document.querySelector('.react-flow__edge') && !document.querySelector('.gf-canvas--message'),
        null,
        { timeout: 120_000 },
      );
      await page.waitForTimeout(800);
      const name = q.replace(/^(graph|src)=(\/synthetic\/)?/, '').replace(/\.json$/, '');
      await page.screenshot({ path: join(out, `${name}-${w}x${h}.png`) });
      await page.evaluate(() => {
        const s = (globalThis as Record<string, any>).__gradflow.getState();
        s.seek(Math.floor(s.run.trace.steps.length * 0.6));
      });
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(out, `${name}-${w}x${h}-stepped.png`) });
      console.error(`${name} ${w}x${h}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await app.close();
}
