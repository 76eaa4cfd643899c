/**
 * Where the first graph's time goes: `npm run -s bench:startup [-- --runs N --json --dist DIR]`.
 * Builds the app into a temp folder (or takes a built `--dist`), serves it on a free port,
 * opens it N times in Debian's Chromium (fresh context, cold cache, 1280×800) and prints the
 * median of each milestone, in ms from navigation start:
 *
 *   html            index.html received
 *   shell_js        last script/stylesheet the built index.html names, downloaded (resource timing; the
 *                   links Vite's preload helper adds to <head> later for lazy chunks do not count)
 *   shell_run       the entry module started (performance mark `gf:main`, src/ui/main.tsx)
 *   boot_painted    first painted frame with the explorer's chrome (the step counter) on screen
 *   worker_engine   the compute worker's engine chunk (tfjs + engine) downloaded (worker's resource timing)
 *   wasm            tfjs's wasm binary downloaded (worker's resource timing)
 *   catalogue       the store got the catalogue (`gf:catalogue`)
 *   run             the store got the first run (`gf:run`); `compute_ms` is the run itself, in the worker
 *   layout_engine   elkjs's worker script downloaded
 *   first_graph     first painted frame showing the graph's nodes and an edge (as bench:ui counts it)
 *
 * A benchmark, not a test: figures only, against the same run's own milestones.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Worker } from 'playwright-core';
import { serveStatic } from '../tests/embed/static-server';
import { CHROMIUM_ARGS } from '../vitest.config';
import { PAGE_HELPERS } from './ui/paint';
import { shellSize } from './ui/shell';

const ROOT = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const RUNS = Number(opt('runs') ?? 3);
const JSON_OUT = argv.includes('--json');
const QUERY = opt('query') ?? '';
const log = (s: string) => {
  if (!JSON_OUT) console.error(s);
};

/** Every `--dist DIR` given (e.g. a baseline build beside this one), else this tree, built now. */
const dists = argv.flatMap((a, i) => (a === '--dist' && argv[i + 1] ? [argv[i + 1] as string] : []));
let tmp: string | undefined;
if (dists.length === 0) {
  tmp = mkdtempSync(join(tmpdir(), 'gradflow-bench-startup-'));
  dists.push(tmp);
  log(`building the app into ${tmp}…`);
  execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', tmp, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
}

/** Records the store's milestones and the first painted graph, from the page's first script on. */
const RECORDER = `
globalThis.__su = {};
(() => {
  const g = globalThis, t = g.__su;
  const poll = () => {
    const s = g.__gradflow?.getState();
    if (!t.boot && document.querySelector('[data-testid="step-counter"]')) g.__afterPaint().then((x) => { t.boot ??= x; });
    if (s?.run && !t.first) {
      if (g.__anyShown(new Set(s.run.graph.nodes.map((n) => n.id)))) { g.__afterPaint().then((x) => { t.first = x; t.compute = s.run.ms; }); return; }
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;

type Milestones = Record<string, number>;

const median = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

/** Resource timings of a worker, in the page's time (the worker has its own time origin). */
async function workerResources(w: Worker, pageOrigin: number): Promise<{ name: string; end: number }[]> {
  const r = await w.evaluate(() => ({
    origin: performance.timeOrigin,
    res: performance.getEntriesByType('resource').map((e) => ({ name: e.name, end: (e as PerformanceResourceTiming).responseEnd })),
  }));
  return r.res.map((e) => ({ name: e.name, end: e.end + r.origin - pageOrigin }));
}

const servers = await Promise.all(dists.map((d) => serveStatic(d)));
/** Round `i`'s order of the builds: as given on even rounds, reversed on odd ones. */
const order = <T>(xs: T[], i: number): [number, T][] => {
  const e = [...xs.entries()];
  return i % 2 ? e.reverse() : e;
};
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const runs: Milestones[][] = dists.map(() => []);
try {
  // Interleaved, the order flipped every round (A B, B A, …): a machine that gets busier mid-run
  // slows every build alike, and no build always follows another's still-closing page.
  // What each build's index.html names (the app shell), as absolute paths.
  const shells = dists.map((d) => shellSize(d).files.map((f) => `/${f}`));
  for (let i = 0; i < RUNS; i++)
    for (const [d, server] of order(servers, i)) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript({ content: PAGE_HELPERS + RECORDER });
      const page = await context.newPage();
      const workers: Worker[] = [];
      page.on('worker', (w) => workers.push(w));
      await page.goto(`${server.url}${QUERY}`);
      await page.waitForFunction(() => (globalThis as any).__su.first, undefined, { timeout: 60_000, polling: 100 });
      const m: Milestones = await page.evaluate((paths: string[]) => {
        const g = globalThis as any;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const shellFiles = paths.map((p) => new URL(p, location.href).href);
        const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
        // Each shell file's first fetch (a later entry of the same URL is a lazy chunk reusing it).
        const firstEnd = new Map<string, number>();
        for (const r of res) if (shellFiles.includes(r.name) && !firstEnd.has(r.name)) firstEnd.set(r.name, r.responseEnd);
        const shellEnd = Math.max(...firstEnd.values());
        const mark = (n: string) => performance.getEntriesByName(n)[0]?.startTime ?? Number.NaN;
        return {
          html: nav.responseEnd,
          shell_js: shellEnd,
          shell_run: mark('gf:main'),
          boot_painted: g.__su.boot,
          catalogue: mark('gf:catalogue'),
          run: mark('gf:run'),
          compute_ms: g.__su.compute,
          first_graph: g.__su.first,
          origin: performance.timeOrigin,
        };
      }, shells[d] ?? []);
      const found: Record<string, number> = {};
      for (const w of workers) {
        for (const r of await workerResources(w, m.origin as number).catch(() => [])) {
          if (/\/engine-[\w-]+\.js$/.test(r.name)) found.worker_engine = Math.max(found.worker_engine ?? 0, r.end);
          if (/\.wasm$/.test(r.name)) found.wasm = Math.max(found.wasm ?? 0, r.end);
        }
      }
      const elk = await page.evaluate(
        () => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((r) => /elk-worker/.test(r.name))?.responseEnd,
      );
      delete m.origin;
      runs[d]?.push({ ...m, ...found, ...(elk !== undefined ? { layout_engine: elk } : {}) });
      await context.close();
      // Let the closed page's worker and renderer go before the next load is timed.
      await new Promise((r) => setTimeout(r, 500));
    }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}

const ORDER = [
  'html',
  'shell_js',
  'shell_run',
  'boot_painted',
  'worker_engine',
  'wasm',
  'catalogue',
  'run',
  'compute_ms',
  'layout_engine',
  'first_graph',
];
const table = dists.map((dist, d) => {
  const row: Record<string, unknown> = { dist };
  for (const k of ORDER) row[k] = Math.round(median((runs[d] ?? []).map((r) => r[k] as number)));
  const shell = shellSize(dist);
  row.app_shell_js_kb_gzip = shell.js_kb_gzip;
  row.app_shell_css_kb_gzip = shell.css_kb_gzip;
  return row;
});
if (tmp) rmSync(tmp, { recursive: true, force: true });

const base = table[0] as Record<string, number>;
if (JSON_OUT) console.log(JSON.stringify({ runs: RUNS, goal_first_graph_ms: 1500, builds: table }));
else {
  console.log(`startup, ${RUNS} cold loads per build, interleaved (median, ms from navigation start)`);
  console.log(`  ${''.padEnd(20)}${table.map((_, d) => `build ${d}`.padStart(10)).join('')}`);
  for (const k of [...ORDER, 'app_shell_js_kb_gzip', 'app_shell_css_kb_gzip'])
    console.log(`  ${k.padEnd(20)}${table.map((r) => String(r[k]).padStart(10)).join('')}`);
  for (const [d, r] of table.entries()) {
    const ratio = d === 0 ? '' : `, first graph ${((r.first_graph as number) / (base.first_graph as number)).toFixed(2)}× build 0`;
    console.log(`  build ${d}: ${r.dist}${ratio}`);
  }
  console.log('  goal: first graph ≤ 1500 ms on a quiet machine, app shell ≤ 150 kB gzip JS');
}
