import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { shellSize } from '../../bench/ui/shell';

/**
 * The app shell (what index.html loads before anything lazy) holds what the explorer's chrome
 * needs to paint and nothing of the heavy parts, which load beside the engine (issue 12).
 * A production build with source maps: each shell file's map names the modules bundled in it.
 */

const ROOT = resolve(import.meta.dirname, '../..');
let dist = '';
let shellSources: string[] = [];

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'gradflow-shell-test-'));
  const r = spawnSync(
    join(ROOT, 'node_modules/.bin/vite'),
    ['build', '--outDir', dist, '--emptyOutDir', '--sourcemap', '--manifest', '--logLevel', 'error'],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`vite build failed: ${r.stderr.slice(-2000)}`);
  shellSources = shellSize(dist)
    .files.filter((f) => f.endsWith('.js') && existsSync(join(dist, `${f}.map`)))
    .flatMap((f) => (JSON.parse(readFileSync(join(dist, `${f}.map`), 'utf8')) as { sources: string[] }).sources);
}, 240_000);

afterAll(() => {
  if (dist) rmSync(dist, { recursive: true, force: true });
});

/** Shell modules whose path contains `part`. */
const inShell = (part: string) => shellSources.filter((s) => s.includes(part));

describe('the app shell', () => {
  test('is what the chrome needs: React, the store, the step bar', () => {
    expect(inShell('node_modules/react-dom/').length).toBeGreaterThan(0);
    expect(inShell('src/ui/store/slices/loading.ts')).toHaveLength(1);
    expect(inShell('src/ui/stepper/StepBar.tsx')).toHaveLength(1);
  });

  test.each([
    ['tfjs', 'node_modules/@tensorflow/'],
    ['the engine (its trace types are shared, its code is not)', 'src/engine/execute.ts'],
    ['the ops', 'src/core/ops/'],
    ['KaTeX', 'node_modules/katex/'],
    ['d3 (panels, scales, colour ramps)', 'node_modules/d3-scale'],
    ['d3-array', 'node_modules/d3-array/'],
    ['React Flow', 'node_modules/@xyflow/'],
    ["React Flow's d3-zoom", 'node_modules/d3-zoom/'],
    ['the graph-language parser', 'src/lang/'],
    ['lezer', 'node_modules/@lezer/'],
    ['CodeMirror', 'node_modules/@codemirror/'],
    ['elkjs', 'node_modules/elkjs/lib/elk.bundled'],
    ['zod', 'node_modules/zod/'],
    ['the baked layouts (loaded with the canvas)', 'src/ui/canvas/bakedLayouts.json'],
  ])('leaves out %s', (_what, part) => {
    expect(inShell(part)).toEqual([]);
  });

  test('is within the budget of 150 kB gzip (the figure bench:ui and bench:startup print)', () => {
    expect(shellSize(dist).js_kb_gzip).toBeLessThanOrEqual(150);
  });

  test('the canvas, React Flow and the engine worker are chunks of their own, reachable from the entry', () => {
    const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
      string,
      { file: string; isEntry?: boolean; dynamicImports?: string[] }
    >;
    const entry = Object.values(manifest).find((c) => c.isEntry);
    const lazy = new Set<string>();
    const walk = (key: string) => {
      if (lazy.has(key)) return;
      lazy.add(key);
      for (const d of manifest[key]?.dynamicImports ?? []) walk(d);
    };
    for (const d of entry?.dynamicImports ?? []) walk(d);
    expect([...lazy].some((k) => k.endsWith('src/ui/canvas/Canvas.tsx'))).toBe(true);
    expect([...lazy].some((k) => k.includes('@xyflow/react'))).toBe(true);
  });
});
