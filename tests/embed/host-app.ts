import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readmeSnippets } from './readme';

const ROOT = resolve(import.meta.dirname, '../..');
const TEMPLATE = join(import.meta.dirname, 'host-app');

/** Runs a command, resolving with its stdout. */
export type Exec = (cmd: string, args: string[], o?: { cwd?: string }) => Promise<string>;

/** The `react`/`react-dom` range the host asks for: gradflow's own React (its peer range allows it). */
const hostReact = (): string => JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies.react as string;

/**
 * `npm pack` of this repo (the tarball a course author installs), then a host app in `dir` — a
 * folder outside the repo — depending on that tarball and on react + react-dom only, installed
 * by npm from the registry into an empty cache of its own (a clean host: nothing comes from this
 * machine's npm cache, and the registry must be reachable), built by Vite. Returns the built app's folder and the
 * packages npm put in the host's node_modules.
 */
export async function buildHostApp(dir: string, exec: Exec): Promise<{ outDir: string; installed: string[]; tarball: string }> {
  // dist-lib/ is already built: pack what `files` lists, without prepack building it again.
  const packed = JSON.parse(await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT }));
  const tarball = join(dir, packed[0].filename as string);
  for (const f of readdirSync(TEMPLATE)) copyFileSync(join(TEMPLATE, f), join(dir, f));
  writeFileSync(join(dir, 'Lecture.tsx'), readmeSnippets().react);
  const range = hostReact();
  const pkg = {
    name: 'course-host',
    private: true,
    type: 'module',
    dependencies: { gradflow: `file:${tarball}`, react: range, 'react-dom': range },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  // `--cache` beats an npm_config_cache the calling `npm test` passes down.
  const cache = mkdtempSync(join(tmpdir(), 'gradflow-host-npm-cache-'));
  try {
    await exec('npm', ['install', '--cache', cache, '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir });
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
  const installed = readdirSync(join(dir, 'node_modules')).filter((n) => !n.startsWith('.'));
  // This repo's Vite binary, run in the host's folder: every import resolves from the host's node_modules.
  await exec(join(ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', 'dist'], { cwd: dir });
  return { outDir: join(dir, 'dist'), installed, tarball };
}
