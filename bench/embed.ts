/**
 * How long a course page waits for its first graph: `npm run -s bench:embed [-- --runs N --json]`.
 * Serves dist-lib/ (built first if missing) with a page holding the README's two
 * <gradflow-graph> elements, opens it in Debian's Chromium N times (fresh context, cold cache)
 * and prints medians: the element script defined (the baseline: download + parse), the first
 * graph drawn (edges on its canvas), both drawn. The goal is a first graph within 2 s.
 * `--lib DIR` (repeatable) measures other builds of dist-lib/ instead — e.g. a baseline beside
 * this one — interleaved run by run, so a machine that gets busier slows each alike.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../tests/embed/static-server';
import { CHROMIUM_ARGS } from '../vitest.config';

const ROOT = resolve(import.meta.dirname, '..');
const LIB = join(ROOT, 'dist-lib');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 5);
const JSON_OUT = process.argv.includes('--json');

const LIBS = process.argv.flatMap((a, i) => (a === '--lib' && process.argv[i + 1] ? [resolve(process.argv[i + 1] as string)] : []));
if (LIBS.length === 0 && !existsSync(join(LIB, 'gradflow-element.js'))) {
  console.error('bench:embed: building dist-lib (npm run build:lib)…');
  execFileSync('npm', ['run', '-s', 'build:lib'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lecture</title>
<script>
  globalThis.__t = {};
  const deep = () => [...document.querySelectorAll('gradflow-graph')].filter((el) => el.shadowRoot?.querySelector('[data-testid=gf-edge]')).length;
  const tick = () => {
    const n = deep();
    if (n >= 1 && !__t.first) __t.first = performance.now();
    if (n >= 2 && !__t.both) { __t.both = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  customElements.whenDefined('gradflow-graph').then(() => { __t.defined = performance.now(); });
</script></head>
<body><main><h1>Lecture 6</h1>
<gradflow-graph graph="ex06-attention-backward" step="8" controls="steps" height="480"></gradflow-graph>
<gradflow-graph graph="ex04-vanishing-gradients" options="activation=relu, init=he" height="600"></gradflow-graph>
</main><script type="module" src="/gradflow-element.js"></script></body></html>`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

if (LIBS.length === 0) LIBS.push(LIB);
const servers = await Promise.all(LIBS.map((dir) => serveStatic(dir, { pages: { '/lecture.html': PAGE } })));
/** Round `i`'s order of the builds: as given on even rounds, reversed on odd ones. */
const order = <T>(xs: T[], i: number): [number, T][] => {
  const e = [...xs.entries()];
  return i % 2 ? e.reverse() : e;
};
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
type Run = { defined: number; first: number; both: number };
const perLib: Run[][] = LIBS.map(() => []);
try {
  // Interleaved, the order flipped every round (A B, B A, …): no build always follows another's still-closing page.
  for (let i = 0; i < RUNS; i++)
    for (const [l, server] of order(servers, i)) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${server.url}lecture.html`);
      await page.waitForFunction(() => (globalThis as any).__t.both, undefined, { timeout: 60_000 });
      perLib[l]?.push(await page.evaluate(() => (globalThis as any).__t));
      await context.close();
      // Let the closed page's worker and renderer go before the next load is timed.
      await new Promise((r) => setTimeout(r, 500));
    }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}

const summary = (runs: Run[]) => ({
  runs: RUNS,
  scriptDefinedMs: Math.round(median(runs.map((r) => r.defined))),
  firstGraphMs: Math.round(median(runs.map((r) => r.first))),
  bothGraphsMs: Math.round(median(runs.map((r) => r.both))),
  goalMs: 2000,
});
const [out, ...others] = perLib.map(summary) as [ReturnType<typeof summary>, ...ReturnType<typeof summary>[]];
if (JSON_OUT) console.log(JSON.stringify(others.length ? { builds: LIBS.map((lib, l) => ({ lib, ...summary(perLib[l] ?? []) })) } : out));
else if (others.length) {
  console.log(`embed, ${RUNS} cold loads per build, interleaved (median, ms from navigation start):`);
  console.log(`  ${''.padEnd(16)}${LIBS.map((_, l) => `build ${l}`.padStart(10)).join('')}`);
  for (const k of ['scriptDefinedMs', 'firstGraphMs', 'bothGraphsMs'] as const)
    console.log(`  ${k.padEnd(16)}${[out, ...others].map((o) => String(o[k]).padStart(10)).join('')}`);
  for (const [l, lib] of LIBS.entries()) console.log(`  build ${l}: ${lib}`);
  console.log(`  goal: first graph ≤ ${out.goalMs} ms`);
} else {
  console.log(`embed, ${RUNS} cold loads (median, ms from navigation start):`);
  console.log(`  script defined   ${out.scriptDefinedMs}`);
  console.log(
    `  first graph      ${out.firstGraphMs}   (${(out.firstGraphMs / out.scriptDefinedMs).toFixed(1)}× the script alone; goal ≤ ${out.goalMs})`,
  );
  console.log(`  both graphs      ${out.bothGraphsMs}`);
}
