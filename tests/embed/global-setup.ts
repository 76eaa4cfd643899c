import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildHostApp } from './host-app';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `npm run build:lib` output: dist-lib/. */
    libDir: string;
    /** `npm run build-storybook` output. */
    storybookDir: string;
    /** A host React app built with Vite from the README's React snippet, with `npm pack`'s tarball installed. */
    reactAppDir: string;
    /** What npm installed in that host app's node_modules. */
    hostPackages: string[];
  }
}

const ROOT = resolve(import.meta.dirname, '../..');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

/**
 * Runs a build in its own process with NODE_ENV=production, as the npm scripts do (Vitest's
 * process has NODE_ENV=test, and changing it there would change how the browser projects'
 * dev servers running at the same time build React). Resolves with its stdout.
 */
function run(cmd: string, args: string[], o: { cwd?: string } = {}): Promise<string> {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, {
      cwd: o.cwd ?? ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    child.on('error', rej);
    child.on('exit', (code) =>
      code === 0 ? res(out) : rej(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${err.slice(-2000)}`)),
    );
  });
}

/** Builds the library, the static Storybook and a host app installing the packed library once for the embed tests. */
export default async function setup(project: TestProject): Promise<() => void> {
  const tmp = mkdtempSync(join(tmpdir(), 'gradflow-embed-'));
  const storybookDir = join(tmp, 'storybook');
  const host = join(tmp, 'host');
  mkdirSync(host);

  // --test skips what stories do not need (docgen, MDX, sourcemaps): the same iframe, ~10 s sooner.
  const storybook = run(bin('storybook'), ['build', '--test', '--quiet', '-o', storybookDir]);
  // `npm run build:lib`, step by step (the scripts' own commands, in this process's tree).
  for (const mode of ['react', 'element'])
    await run(bin('vite'), ['build', '-c', 'vite.lib.config.ts', '--mode', mode, '--logLevel', 'warn']);
  await run(bin('tsc'), ['-p', 'src/lib/tsconfig.build.json']);
  const app = await buildHostApp(host, run);
  await storybook;

  project.provide('libDir', join(ROOT, 'dist-lib'));
  project.provide('storybookDir', storybookDir);
  project.provide('reactAppDir', app.outDir);
  project.provide('hostPackages', app.installed);
  return () => rmSync(tmp, { recursive: true, force: true });
}
