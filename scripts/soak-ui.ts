// UI soak: Playwright drives Debian Chromium against `vite preview` of a production build.
// At least 10,000 keyboard steps (whole rounds) back and forth through every exercise, one value
// edit (a recompute in the worker) per exercise visit. At the start of every round (the first exercise at step 0,
// so like is compared with like) it samples, after a forced GC, the page's JS heap (CDP), DOM
// nodes and listeners, and the compute worker's live tensors (tf.memory() via the worker).
// Prints JSON: the samples and a verdict (flat within noise, or growing).
//   npx tsx scripts/soak-ui.ts [--steps 10000]
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../vitest.config.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const TARGET_STEPS = arg('--steps', 10_000);
/** Rounds before the baseline: caches, JIT and the layout worker settle in the first one. */
const WARMUP_ROUNDS = 1;
/** Flat: the heap grew less than this since the baseline (a real leak grows every round). */
const HEAP_NOISE_MB = 2;
const vite = 'node_modules/.bin/vite';
const log = (s: string) => console.error(s);

const freePort = (): Promise<number> =>
  new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
  });

async function serve(outDir: string, port: number): Promise<ChildProcess> {
  const p = spawn(vite, ['preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'pipe' });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 200; i++) {
    if (p.exitCode !== null) throw new Error(`vite preview exited with ${p.exitCode}`);
    try {
      if ((await fetch(url)).ok) return p;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  p.kill();
  throw new Error(`vite preview did not answer at ${url}`);
}

interface Sample {
  step: number;
  round: number;
  heapUsedMB: number;
  domNodes: number;
  listeners: number;
  tensors: number;
  tensorBytes: number;
}

/** Inside the page: the explorer store the app exposes for tests. */
const state = (page: Page) =>
  page.evaluate(() => {
    const s = (globalThis as any).__gradflow.getState();
    return { n: s.timeline?.length ?? 0, cursor: s.cursor as number, busy: s.busy as boolean, graph: s.graphId as string | null };
  });

async function settle(page: Page, want: (s: Awaited<ReturnType<typeof state>>) => boolean): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const s = await state(page);
    if (!s.busy && want(s)) return;
    await page.waitForTimeout(20);
  }
  throw new Error(`the page did not settle: ${JSON.stringify(await state(page))}`);
}

const outDir = mkdtempSync(join(tmpdir(), 'gradflow-soak-'));
log('building the app (production)…');
execFileSync(vite, ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
const port = await freePort();
const server = await serve(outDir, port);
const base = `http://127.0.0.1:${port}/`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const errors: string[] = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // tsx compiles helpers with a __name wrapper that page.evaluate would otherwise miss
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('Performance.enable');

  await page.goto(base);
  await page.locator('[data-testid=gf-edge]').first().waitFor({ state: 'attached', timeout: 60_000 });
  const catalogue: { id: string; title: string }[] = await page.evaluate(() =>
    (globalThis as any).__gradflow.getState().catalogue.map((e: any) => ({ id: e.id, title: e.title })),
  );

  const sample = async (step: number, round: number): Promise<Sample> => {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? -1;
    const mem = await page.evaluate(() => (globalThis as any).__gradflow.getState().engineMemory());
    return {
      step,
      round,
      heapUsedMB: Number((heap.usedSize / 1048576).toFixed(2)),
      domNodes: metric('Nodes'),
      listeners: metric('JSEventListeners'),
      tensors: mem?.numTensors ?? -1,
      tensorBytes: mem?.numBytes ?? -1,
    };
  };

  const open = async (ex: { id: string; title: string }) => {
    // the graph list, as a user picks an exercise
    await page.locator('nav.gf-graphlist button', { hasText: ex.title }).first().click();
    await settle(page, (s) => s.graph === ex.id && s.cursor === 0 && s.n > 0);
    // a locator, not waitForSelector: an element handle would pin the old graph's DOM in the heap
    await page.locator('[data-testid=gf-edge]').first().waitFor({ state: 'attached' });
  };

  const samples: Sample[] = [];
  let steps = 0;
  let edits = 0;
  let round = 0;
  const t0 = Date.now();
  while (steps < TARGET_STEPS) {
    // whole rounds only, so every sample is taken at the same place (the first exercise, step 0)
    for (const [i, ex] of catalogue.entries()) {
      await open(ex);
      if (i === 0) {
        samples.push(await sample(steps, round));
        log(`round ${round}: ${steps} steps, ${JSON.stringify(samples.at(-1))}`);
      }
      const { n } = await state(page);
      let k = 0;
      // forward to the end, one key at a time, with one value edit halfway
      for (; k < n; k++, steps++) {
        await page.keyboard.press('ArrowRight');
        if (k === Math.floor(n / 2)) {
          const edited = await page.evaluate(
            (f) => {
              const s = (globalThis as any).__gradflow.getState();
              // the first input or parameter leaf, every entry scaled a little (what the value editor sends)
              const leaf = (s.run.graph.nodes as any[]).find((m) => m.op === 'leaf' && (m.role === 'input' || m.role === 'param'));
              if (!leaf) return false;
              const scale = (v: unknown): unknown => (Array.isArray(v) ? v.map(scale) : (v as number) * f);
              void s.setInput(leaf.id, JSON.stringify(scale(s.run.leafValues[leaf.id])));
              return true;
            },
            1 + ((round % 5) + 1) / 100,
          );
          if (edited) {
            edits++;
            await settle(page, () => true);
          }
        }
      }
      const top = k;
      await settle(page, (s) => s.cursor === top);
      // and back to the start
      for (; k > 0; k--, steps++) await page.keyboard.press('ArrowLeft');
      await settle(page, (s) => s.cursor === k);
    }
    round++;
  }
  await open(catalogue[0] as { id: string; title: string });
  samples.push(await sample(steps, round));
  log(`final: ${steps} steps, ${JSON.stringify(samples.at(-1))}`);

  const after = samples.filter((s) => s.round >= WARMUP_ROUNDS);
  const baseline = after[0] as Sample;
  const final = samples.at(-1) as Sample;
  // least-squares slope of the heap over steps, after warm-up
  const mx = after.reduce((a, s) => a + s.step, 0) / after.length;
  const my = after.reduce((a, s) => a + s.heapUsedMB, 0) / after.length;
  const sxx = after.reduce((a, s) => a + (s.step - mx) ** 2, 0);
  const slope = sxx ? after.reduce((a, s) => a + (s.step - mx) * (s.heapUsedMB - my), 0) / sxx : 0;
  const heapGrowthMB = final.heapUsedMB - baseline.heapUsedMB;
  const tensorsFlat = after.every((s) => s.tensors === baseline.tensors && s.tensorBytes === baseline.tensorBytes);
  const domFlat = after.every((s) => Math.abs(s.domNodes - baseline.domNodes) <= 50);
  const heapFlat = heapGrowthMB < HEAP_NOISE_MB;
  const result = {
    steps,
    edits,
    exercises: catalogue.length,
    rounds: round,
    seconds: Math.round((Date.now() - t0) / 1000),
    samples,
    baseline,
    final,
    heapGrowthMB: Number(heapGrowthMB.toFixed(2)),
    heapSlopeMBPer1000Steps: Number((slope * 1000).toFixed(3)),
    tensorsFlat,
    domFlat,
    pageErrors: errors,
    verdict: heapFlat && tensorsFlat && domFlat && errors.length === 0 ? 'flat' : 'growing',
    noise: { heapMB: HEAP_NOISE_MB, domNodes: 50, warmupRounds: WARMUP_ROUNDS },
  };
  console.log(JSON.stringify(result, null, 2));
  if (result.verdict !== 'flat') process.exitCode = 1;
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(outDir, { recursive: true, force: true });
}
