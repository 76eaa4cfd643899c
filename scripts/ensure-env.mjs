#!/usr/bin/env node
/**
 * The system tools `npm test` needs beside node_modules, brought in before the tests start
 * (docs/TOOLCHAIN.md, "System packages"):
 *   chromium                        every browser test (Playwright drives /usr/bin/chromium)
 *   mkdocs                          the embed tests build a real MkDocs site
 *   jupyter-nbconvert, python3-ipykernel, jupyter-notebook
 *                                   the embed tests execute a real notebook
 * What is missing is installed with apt-get: as root, else through sudo when it needs no
 * password; otherwise it prints the one command to run and exits 1. Nothing is downloaded when
 * everything is there. The decisions are in ensure-env-plan.mjs (tested with faked probes).
 *
 *   --check                               only report (exit 1 when something is missing)
 *   GRADFLOW_ENV_PRETEND_MISSING=a,b      report these packages missing whatever is installed
 *   GRADFLOW_APT_DRY_RUN=1                `apt-get -s install …`: resolve the packages, install nothing
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { commandLine, installPlan, missingPackages } from './ensure-env-plan.mjs';

const pretend = (process.env.GRADFLOW_ENV_PRETEND_MISSING ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const dryRun = process.env.GRADFLOW_APT_DRY_RUN === '1';

const probe = {
  exists: existsSync,
  python: (code) => spawnSync('/usr/bin/python3', ['-c', code], { stdio: 'ignore' }).status === 0,
};
const missing = missingPackages(probe, pretend);
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const plan = installPlan({
  missing,
  root,
  apt: onPath('apt-get'),
  // Asked only when it matters: `sudo -n` never prompts.
  sudo: !root && missing.length > 0 && onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
  check: process.argv.includes('--check'),
  dryRun,
});

if (plan.kind === 'nothing') process.exit(0);
if (plan.kind === 'tell') {
  console.error(plan.message);
  process.exit(1);
}

console.error(
  dryRun
    ? `gradflow: would install ${missing.join(', ')} (apt-get -s: a dry run, nothing is installed)`
    : `gradflow: installing ${missing.join(', ')} (apt-get${root ? '' : ' through sudo'}, about a minute)…`,
);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const [cmd, ...args] of plan.commands) {
  console.error(`  $ ${[cmd, ...args].join(' ')}`);
  try {
    execFileSync(cmd, args, { stdio: ['ignore', dryRun ? 'inherit' : 'ignore', 'inherit'], env });
  } catch (e) {
    console.error(`gradflow: ${cmd} failed (${e instanceof Error ? e.message : String(e)}); run: ${commandLine(missing, root)}`);
    process.exit(1);
  }
}
if (dryRun) process.exit(0);
const still = missingPackages(probe);
if (still.length) {
  console.error(`gradflow: still missing after apt-get: ${still.join(', ')}`);
  process.exit(1);
}
