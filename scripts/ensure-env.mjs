#!/usr/bin/env node
/**
 * The system tools `npm test` needs beside node_modules, brought in before the tests start
 * (docs/TOOLCHAIN.md, "System packages"):
 *   chromium                        every browser test (Playwright drives /usr/bin/chromium)
 *   mkdocs                          the embed tests build a real MkDocs site
 *   jupyter-nbconvert, python3-ipykernel, jupyter-notebook
 *                                   the embed tests execute a real notebook
 * As root it installs what is missing with apt-get; otherwise it prints the one command to run
 * and exits 1. Nothing is downloaded when everything is there.
 *
 * `node scripts/ensure-env.mjs --check` only reports (exit 1 when something is missing).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian package → how to tell it is installed (a file it puts in place, or a probe). */
const NEEDED = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'mkdocs', present: () => existsSync('/usr/bin/mkdocs') },
  { pkg: 'jupyter-nbconvert', present: () => existsSync('/usr/bin/jupyter-nbconvert') },
  { pkg: 'jupyter-notebook', present: () => existsSync('/usr/bin/jupyter-notebook') },
  // Debian's own python (the tools run on it), not whichever python3 is first on PATH.
  {
    pkg: 'python3-ipykernel',
    present: () =>
      existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', 'import ipykernel'], { stdio: 'ignore' }).status === 0,
  },
];

const missing = NEEDED.filter((n) => !n.present()).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
const asUser = `sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`;
const root = typeof process.getuid === 'function' && process.getuid() === 0;
if (process.argv.includes('--check') || !root || !existsSync('/usr/bin/apt-get')) {
  console.error(
    `gradflow tests need Debian packages that are missing (${missing.join(', ')}); install them with: ${root ? command : asUser}`,
  );
  process.exit(1);
}

console.error(`gradflow: installing ${missing.join(', ')} (apt-get, about a minute)…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
} catch (e) {
  console.error(`gradflow: apt-get failed (${e instanceof Error ? e.message : String(e)}); run: ${command}`);
  process.exit(1);
}
const still = NEEDED.filter((n) => !n.present()).map((n) => n.pkg);
if (still.length) {
  console.error(`gradflow: still missing after apt-get: ${still.join(', ')}`);
  process.exit(1);
}
