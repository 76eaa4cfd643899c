/**
 * What scripts/ensure-env.mjs decides, without doing it: which Debian packages are missing
 * (from probes it is handed) and which commands would bring them. Pure, so a test can fake the
 * probes and assert the commands (tests/startup/ensure-env.test.ts).
 */

/** Debian package → how to tell it is installed (a file it puts in place, or an import on Debian's python). */
export const NEEDED = [
  { pkg: 'chromium', file: '/usr/bin/chromium' },
  { pkg: 'mkdocs', file: '/usr/bin/mkdocs' },
  { pkg: 'jupyter-nbconvert', file: '/usr/bin/jupyter-nbconvert' },
  { pkg: 'jupyter-notebook', file: '/usr/bin/jupyter-notebook' },
  // Debian's own python (the tools run on it), not whichever python3 is first on PATH.
  { pkg: 'python3-ipykernel', python: 'import ipykernel' },
];

/**
 * The packages the probes say are missing, in NEEDED's order. `pretend` names packages to
 * report missing whatever the probes say (GRADFLOW_ENV_PRETEND_MISSING, for trying the install
 * path on a machine that has everything).
 * @param {{ exists: (path: string) => boolean, python: (code: string) => boolean }} probe
 * @param {string[]} [pretend]
 * @returns {string[]}
 */
export function missingPackages(probe, pretend = []) {
  return NEEDED.filter((n) => {
    if (pretend.includes(n.pkg)) return true;
    if (n.file !== undefined) return !probe.exists(n.file);
    return !(probe.exists('/usr/bin/python3') && probe.python(n.python));
  }).map((n) => n.pkg);
}

/**
 * @typedef {{ missing: string[], root: boolean, apt: boolean, sudo: boolean, check?: boolean, dryRun?: boolean }} Situation
 *   `sudo`: sudo runs without asking for a password (`sudo -n true` succeeded).
 * @typedef {{ kind: 'nothing' }
 *   | { kind: 'install', commands: string[][], dryRun: boolean }
 *   | { kind: 'tell', message: string }} Plan
 */

/** The one command a person would type (as root, or through sudo). */
export function commandLine(missing, root) {
  const p = root ? '' : 'sudo ';
  return `${p}apt-get update && ${p}apt-get install -y ${missing.join(' ')}`;
}

/**
 * What to do about `missing`: nothing; run apt-get (as root, or through password-less sudo;
 * `dryRun`: `apt-get -s install`, which resolves the packages and installs nothing, and no
 * `apt-get update`); or tell the one command to run (`--check`, no apt-get, no way to be root).
 * @param {Situation} s
 * @returns {Plan}
 */
export function installPlan(s) {
  if (s.missing.length === 0) return { kind: 'nothing' };
  const what = `gradflow tests need Debian packages that are missing (${s.missing.join(', ')})`;
  if (s.check) return { kind: 'tell', message: `${what}; install them with: ${commandLine(s.missing, s.root)}` };
  if (!s.apt) return { kind: 'tell', message: `${what}, and this machine has no apt-get: install them with its package manager` };
  if (!s.root && !s.sudo)
    return {
      kind: 'tell',
      message: `${what}; not root and sudo needs a password (or is absent), so install them with: ${commandLine(s.missing, false)}`,
    };
  // sudo drops the caller's environment: DEBIAN_FRONTEND goes through env(1).
  const as = s.root ? [] : ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'];
  const commands = s.dryRun
    ? [[...as, 'apt-get', '-s', 'install', '-y', ...s.missing]]
    : [
        [...as, 'apt-get', 'update', '-qq'],
        [...as, 'apt-get', 'install', '-y', '-qq', ...s.missing],
      ];
  return { kind: 'install', commands, dryRun: !!s.dryRun };
}
