import { EXERCISES } from '../../../graphs/index';

/** `list`: every built-in graph id and title. */
export function listCommand(out: (s: string) => void): number {
  for (const e of EXERCISES) out(`${e.id.padEnd(28)} ${e.title}`);
  return 0;
}
