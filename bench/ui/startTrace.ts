// Ad-hoc probe: what every renderer thread does during a cold load, until the first graph is drawn.
//   tsx bench/ui/startTrace.ts <built-app-dir> [min-task-ms=15]
import { chromium } from 'playwright-core';
import { serveStatic } from '../../tests/embed/static-server.ts';
import { CHROMIUM_ARGS } from '../../vitest.config.ts';
import type { TraceEvent } from './stepTrace.ts';

const [dist, minArg = '15'] = process.argv.slice(2) as [string, string?];
const app = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await browser.startTracing(page, {
    categories: [
      'toplevel',
      'devtools.timeline',
      'blink.user_timing',
      'v8.execute',
      'v8',
      'disabled-by-default-devtools.timeline',
      '__metadata',
    ],
  });
  await page.goto(app.url);
  await page.waitForSelector('[data-testid=canvas][data-drawn=true]', { timeout: 60_000 });
  await page.waitForTimeout(300);
  const ev = (
    JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: (TraceEvent & { tid: number; pid: number; args?: any })[] }
  ).traceEvents;
  const names = new Map<string, string>();
  for (const e of ev) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name);
  const nav =
    ev.find((e) => e.name === 'navigationStart' || e.name === 'NavigationTiming') ?? ev.find((e) => e.name === 'TracingStartedInBrowser');
  const t0 = nav?.ts ?? Math.min(...ev.filter((e) => e.ts > 0).map((e) => e.ts));
  for (const m of ev.filter((e) => e.name.startsWith('gf:') || e.name === 'firstContentfulPaint').sort((a, b) => a.ts - b.ts))
    console.log(`${((m.ts - t0) / 1000).toFixed(0).padStart(6)} ms  mark ${m.name}`);
  const tasks = ev.filter(
    (e) => e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && (e.dur ?? 0) / 1000 >= Number(minArg),
  );
  const byThread = new Map<string, typeof tasks>();
  for (const t of tasks) {
    const k = `${t.pid}:${t.tid}`;
    byThread.set(k, [...(byThread.get(k) ?? []), t]);
  }
  for (const [k, list] of byThread) {
    const name = names.get(k) ?? k;
    if (/Browser|GPU|Network|IO|Chrome_/i.test(name) && !/Renderer|Worker/i.test(name)) continue;
    console.log(`\n== ${name}`);
    for (const t of list.sort((a, b) => a.ts - b.ts)) {
      const end = t.ts + (t.dur ?? 0);
      const kids = ev.filter(
        (e) => e.ph === 'X' && `${e.pid}:${e.tid}` === k && e !== t && e.ts >= t.ts && e.ts < end && !/RunTask/.test(e.name),
      );
      const agg = new Map<string, number>();
      for (const c of kids) agg.set(c.name, (agg.get(c.name) ?? 0) + (c.dur ?? 0) / 1000);
      const top = [...agg]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([n, v]) => `${n} ${v.toFixed(0)}`)
        .join(', ');
      const url =
        kids
          .find((c) => c.args?.data?.url)
          ?.args?.data?.url?.split('/')
          .pop() ?? '';
      console.log(
        `${((t.ts - t0) / 1000).toFixed(0).padStart(6)} +${((t.dur ?? 0) / 1000).toFixed(0).padStart(4)} ms (cpu ${((t.tdur ?? 0) / 1000).toFixed(0)}) ${url} | ${top}`,
      );
    }
  }
} finally {
  await browser.close();
  await app.close();
}
