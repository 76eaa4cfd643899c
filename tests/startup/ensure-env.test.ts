import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
// @ts-expect-error: a plain .mjs script (npm test runs it before Vitest), typed by its JSDoc only
import { installPlan, missingPackages, NEEDED } from '../../scripts/ensure-env-plan.mjs';

/**
 * `npm test` on a machine without Chromium, MkDocs or Jupyter installs them (issue 14): the
 * decisions, with faked probes, and the real script in apt-get's dry-run mode.
 */

const ALL = ['chromium', 'mkdocs', 'jupyter-nbconvert', 'jupyter-notebook', 'python3-ipykernel'];

/** Probes of a machine that has exactly `files` and whose Debian python imports `modules`. */
const machine = (files: string[], modules: string[] = []) => ({
  exists: (p: string) => files.includes(p),
  python: (code: string) => modules.some((m) => code === `import ${m}`),
});
const everything = machine(
  ['/usr/bin/chromium', '/usr/bin/mkdocs', '/usr/bin/jupyter-nbconvert', '/usr/bin/jupyter-notebook', '/usr/bin/python3'],
  ['ipykernel'],
);

describe('which packages are missing', () => {
  test('a bare machine misses all five, in install order', () => {
    expect(missingPackages(machine([]))).toEqual(ALL);
  });
  test('a complete machine misses none', () => {
    expect(missingPackages(everything)).toEqual([]);
    expect(NEEDED.map((n: { pkg: string }) => n.pkg)).toEqual(ALL);
  });
  test('only Chromium gone: only chromium', () => {
    const noChromium = { ...everything, exists: (p: string) => p !== '/usr/bin/chromium' && everything.exists(p) };
    expect(missingPackages(noChromium)).toEqual(['chromium']);
  });
  test('ipykernel is asked of Debian’s python: no /usr/bin/python3 means missing', () => {
    const noDebianPython = { ...everything, exists: (p: string) => p !== '/usr/bin/python3' && everything.exists(p) };
    expect(missingPackages(noDebianPython)).toEqual(['python3-ipykernel']);
  });
  test('pretend marks packages missing on a complete machine', () => {
    expect(missingPackages(everything, ['chromium', 'mkdocs'])).toEqual(['chromium', 'mkdocs']);
  });
});

describe('what it runs', () => {
  const missing = ['chromium', 'mkdocs'];
  test('nothing missing: nothing to do (nothing is downloaded)', () => {
    expect(installPlan({ missing: [], root: false, apt: false, sudo: false })).toEqual({ kind: 'nothing' });
  });
  test('root: apt-get update, then install exactly the missing packages', () => {
    expect(installPlan({ missing, root: true, apt: true, sudo: false })).toEqual({
      kind: 'install',
      dryRun: false,
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', 'chromium', 'mkdocs'],
      ],
    });
  });
  test('not root, sudo without a password: the same through sudo -n (never prompts), keeping DEBIAN_FRONTEND', () => {
    const sudo = ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'];
    expect(installPlan({ missing, root: false, apt: true, sudo: true })).toEqual({
      kind: 'install',
      dryRun: false,
      commands: [
        [...sudo, 'apt-get', 'update', '-qq'],
        [...sudo, 'apt-get', 'install', '-y', '-qq', 'chromium', 'mkdocs'],
      ],
    });
  });
  test('not root, no usable sudo: one clear line with the exact command', () => {
    const plan = installPlan({ missing, root: false, apt: true, sudo: false });
    expect(plan).toEqual({
      kind: 'tell',
      message:
        'gradflow tests need Debian packages that are missing (chromium, mkdocs); not root and sudo needs a password (or is absent), so install them with: sudo apt-get update && sudo apt-get install -y chromium mkdocs',
    });
  });
  test('no apt-get at all: says so rather than printing a command that cannot work', () => {
    const plan = installPlan({ missing, root: true, apt: false, sudo: false });
    expect(plan.kind).toBe('tell');
    expect(plan.kind === 'tell' && plan.message).toMatch(/no apt-get/);
  });
  test('--check only reports, with the command for who is running it', () => {
    expect(installPlan({ missing, root: true, apt: true, sudo: false, check: true })).toEqual({
      kind: 'tell',
      message:
        'gradflow tests need Debian packages that are missing (chromium, mkdocs); install them with: apt-get update && apt-get install -y chromium mkdocs',
    });
  });
  test('dry run: apt-get -s install, no update', () => {
    expect(installPlan({ missing, root: true, apt: true, sudo: false, dryRun: true })).toEqual({
      kind: 'install',
      dryRun: true,
      commands: [['apt-get', '-s', 'install', '-y', 'chromium', 'mkdocs']],
    });
  });
});

describe('the real script', () => {
  const script = resolve(import.meta.dirname, '../../scripts/ensure-env.mjs');
  const run = (env: Record<string, string>, args: string[] = []) =>
    spawnSync(process.execPath, [script, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });

  test('--check with chromium pretended missing: exit 1 and the command', () => {
    const r = run({ GRADFLOW_ENV_PRETEND_MISSING: 'chromium' }, ['--check']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/missing \(chromium\); install them with: (sudo )?apt-get update && (sudo )?apt-get install -y chromium/);
  });

  test.runIf(process.getuid?.() === 0 && existsSync('/usr/bin/apt-get'))(
    'as root, chromium pretended missing, dry run: apt-get -s resolves the real package and installs nothing',
    () => {
      const r = run({ GRADFLOW_ENV_PRETEND_MISSING: 'chromium', GRADFLOW_APT_DRY_RUN: '1' });
      expect(r.stderr).toContain('$ apt-get -s install -y chromium');
      expect(r.status).toBe(0);
      // apt's simulation names the package it would set up (installed already: "0 newly installed")
      expect(r.stdout).toMatch(/chromium is already the newest version|Inst chromium |0 upgraded, 0 newly installed/);
    },
    60_000,
  );
});
