import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

/** The CLI in-process: exit code and what it printed. */
export async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A writer of files in a fresh temporary folder: `file(name, text)` → its path. */
export function scratchFiles(prefix: string): (name: string, content: string) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return (name, content) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
}
