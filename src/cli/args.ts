import { GraphError } from '../core/errors';

export interface CliArgs {
  command: string | undefined;
  positional: string[];
  /** Repeatable flags keep every value in order. */
  flags: Map<string, string[]>;
  bools: Set<string>;
}

const BOOLEAN_FLAGS = new Set(['json', 'help', 'write']);

/** `--name value`, `--name=value` and boolean `--json`; everything else is positional. */
export function parseArgs(argv: string[]): CliArgs {
  const flags = new Map<string, string[]>();
  const bools = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (BOOLEAN_FLAGS.has(name)) {
      bools.add(name);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new GraphError([{ field: `--${name}`, message: 'expects a value' }]);
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { command: positional.shift(), positional, flags, bools };
}

export const flag = (a: CliArgs, name: string): string | undefined => a.flags.get(name)?.at(-1);

/** `NAME=VALUE` pairs of a repeatable flag. */
export function pairs(a: CliArgs, name: string): [string, string][] {
  return (a.flags.get(name) ?? []).map((p) => {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new GraphError([{ field: `--${name}`, message: `expected NAME=VALUE, got "${p}"` }]);
    return [p.slice(0, eq), p.slice(eq + 1)];
  });
}
