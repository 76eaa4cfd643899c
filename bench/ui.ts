// UI benchmark: Playwright driving Debian Chromium against production builds.
//   fps_gradient_edges_300    300 edges, all animated by gradflow's GradientEdge
//   fps_reactflow_animated_300 the same graph with React Flow's built-in animated edges
//   step_latency_p95_ms       key press → the next frame after the step counter changed (ex04)
//   cpu_ms_per_s_*            CPU time of all Chromium processes per second of animation
// Both fps figures come from the same run, interleaved; ratios matter more than absolutes.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../vitest.config.ts';

const json = process.argv.includes('--json');
const log = (s: string) => {
  if (!json) console.error(s);
};
const vite = 'node_modules/.bin/vite';

function serve(args: string[], port: number): Promise<ChildProcess> {
  const p = spawn(vite, ['preview', ...args, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'pipe' });
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`vite preview on ${port} did not start`)), 30_000);
    p.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes(String(port))) {
        clearTimeout(t);
        resolve(p);
      }
    });
  });
}

/** CPU time (ms) used so far by every Chromium process: raster and compositing included. */
function chromiumCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(chromium') && !stat.includes('(chrome')) continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime + stime
    } catch {
      // the process ended meanwhile
    }
  }
  return (ticks * 1000) / 100; // USER_HZ = 100
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const percentile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] as number;

log('building app and benchmark page…');
execFileSync(vite, ['build', '--logLevel', 'error'], { stdio: 'inherit' });
execFileSync(vite, ['build', '--config', 'bench/ui/vite.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
const servers = [await serve([], 4791), await serve(['--outDir', 'dist-bench'], 4792)];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const fps = { gradient: [] as number[], builtin: [] as number[] };
  const cpu = { gradient: [] as number[], builtin: [] as number[] };
  for (let round = 0; round < 3; round++) {
    for (const mode of ['gradient', 'builtin'] as const) {
      await page.goto(`http://127.0.0.1:4792/?mode=${mode}&n=300`);
      await page.waitForSelector('.react-flow__edge');
      await page.waitForTimeout(800);
      const c0 = chromiumCpuMs();
      const t0 = performance.now();
      const f = await page.evaluate(() => (globalThis as unknown as { measureFps: (ms: number) => Promise<number> }).measureFps(3000));
      const c = ((chromiumCpuMs() - c0) * 1000) / (performance.now() - t0);
      fps[mode].push(f);
      cpu[mode].push(c);
      log(`  round ${round} ${mode}: ${f.toFixed(1)} fps, Chromium CPU ${c.toFixed(0)} ms/s`);
    }
  }

  await page.goto('http://127.0.0.1:4791/?graph=ex04-vanishing-gradients&step=0');
  await page.waitForSelector('[data-testid="step-counter"]');
  await page.waitForFunction(() => /^0 \/ [1-9]/.test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ''));
  await page.waitForTimeout(1000);
  await page.evaluate(() => {
    const w = globalThis as unknown as { __lat: number[]; __t: number };
    w.__lat = [];
    const counter = document.querySelector('[data-testid="step-counter"]') as Element;
    window.addEventListener(
      'keydown',
      () => {
        w.__t = performance.now();
      },
      { capture: true },
    );
    new MutationObserver(() => {
      const t = w.__t;
      requestAnimationFrame(() => w.__lat.push(performance.now() - t));
    }).observe(counter, { childList: true, characterData: true, subtree: true });
  });
  const presses = 80;
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((k) => (globalThis as unknown as { __lat: number[] }).__lat.length >= k, i + 1);
  }
  const lat = await page.evaluate(() => (globalThis as unknown as { __lat: number[] }).__lat);
  const result = {
    fps_gradient_edges_300: Number(median(fps.gradient).toFixed(1)),
    fps_reactflow_animated_300: Number(median(fps.builtin).toFixed(1)),
    step_latency_p95_ms: Number(percentile(lat, 0.95).toFixed(2)),
    step_latency_median_ms: Number(median(lat).toFixed(2)),
    ratio_gradient_vs_builtin: Number((median(fps.gradient) / median(fps.builtin)).toFixed(2)),
    // fps is capped at the display rate; CPU per second shows what each animation costs.
    cpu_ms_per_s_gradient_edges_300: Math.round(median(cpu.gradient)),
    cpu_ms_per_s_reactflow_animated_300: Math.round(median(cpu.builtin)),
    presses,
  };
  console.log(json ? JSON.stringify(result) : result);
} finally {
  await browser.close();
  for (const s of servers) s.kill();
}
