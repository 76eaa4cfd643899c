import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `npm run build:lib` output (dist-lib/ layout). */
    libDir: string;
    /** `npm run build-storybook` output. */
    storybookDir: string;
    /** A host React app built with Vite from the README's React snippet, importing 'gradflow'. */
    reactAppDir: string;
  }
}

const ROOT = resolve(import.meta.dirname, '../..');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

/**
 * Runs a build in its own process with NODE_ENV=production, as the npm scripts do. (Vitest's
 * process has NODE_ENV=test, and changing it there would change how the browser projects'
 * dev servers running at the same time build React.)
 */
function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env, NODE_ENV: 'production' },
    });
    let err = '';
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    child.on('error', rej);
    child.on('exit', (code) => (code === 0 ? res() : rej(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${err.slice(-2000)}`))));
  });
}

/** Builds the library, the static Storybook and the README's React app once for the embed tests. */
export default async function setup(project: TestProject): Promise<() => void> {
  // Inside node_modules/.cache, where a package would sit: the built library's `react` imports resolve.
  const cache = join(ROOT, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const tmp = mkdtempSync(join(cache, 'gradflow-embed-'));
  const libDir = join(tmp, 'lib');
  const storybookDir = join(tmp, 'storybook');
  const reactAppDir = join(tmp, 'react-app');

  // --test skips what stories do not need (docgen, MDX, sourcemaps): the same iframe, ~10 s sooner.
  const storybook = run(bin('storybook'), ['build', '--test', '--quiet', '-o', storybookDir]);
  // What `npm run build:lib` does, into libDir.
  for (const mode of ['react', 'element'])
    await run(bin('vite'), ['build', '-c', 'vite.lib.config.ts', '--mode', mode, '--outDir', libDir, '--logLevel', 'warn']);
  await run(bin('tsc'), ['-p', 'src/lib/tsconfig.build.json', '--outDir', join(libDir, 'types')]);
  await run(bin('vite'), ['build', '-c', 'tests/embed/react-app/vite.config.ts'], {
    GRADFLOW_LIB_DIR: libDir,
    GRADFLOW_APP_OUT: reactAppDir,
  });
  await storybook;

  project.provide('libDir', libDir);
  project.provide('storybookDir', storybookDir);
  project.provide('reactAppDir', reactAppDir);
  return () => rmSync(tmp, { recursive: true, force: true });
}
