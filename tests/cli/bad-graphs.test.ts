import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

interface Expected {
  field: string;
  node?: string;
  contains?: string;
  /** Too big to commit: written at test time. */
  generated?: string;
}

const FIXTURES = 'tests/fixtures/bad-graphs';
const manifest: Record<string, Expected> = JSON.parse(readFileSync('tests/fixtures/bad-graphs.expected.json', 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'gradflow-bad-'));

/** The two corpus entries too large to keep in git. */
function generated(name: string): string {
  const p = join(tmp, name);
  const body =
    name === 'huge-label.json'
      ? `{"nodes":[{"id":"x","op":"leaf","value":1,"label":"${'A'.repeat(10 * 1024 * 1024)}"},{"id":"L","op":"square","inputs":["x"]}],"objectives":[{"name":"L","node":"L"}]}`
      : `{"nodes":[{"id":"x","op":"leaf","value":[${new Array(1048577).fill(0).join(',')}]},{"id":"L","op":"sum","inputs":["x"]}],"objectives":[{"name":"L","node":"L"}]}`;
  writeFileSync(p, body);
  return p;
}

describe('malformed graph corpus through `gradflow check`', () => {
  it('the corpus and its expectations match: every file has one, every expectation a file (or is generated here)', () => {
    const names = Object.keys(manifest);
    expect(names.filter((k) => !manifest[k]?.generated).sort()).toEqual(readdirSync(FIXTURES).sort());
    expect(names.filter((k) => manifest[k]?.generated).sort()).toEqual(['huge-label.json', 'literal-over-limit.json']);
    for (const [name, exp] of Object.entries(manifest)) expect(exp.field, name).toMatch(/\S/);
  });

  it.each(Object.entries(manifest))('%s → exit 2, located message', async (name, exp) => {
    const path = exp.generated ? generated(name) : join(FIXTURES, name);
    const err: string[] = [];
    const code = await main(
      ['check', path],
      () => {},
      (s) => err.push(s),
    );
    const text = err.join('\n');
    expect(code, text).toBe(2);
    expect(text).not.toMatch(/internal error|\n\s+at /);
    const where = exp.node !== undefined ? `node "${exp.node}", field "${exp.field}"` : `field "${exp.field}"`;
    expect(text).toContain(where);
    if (exp.contains) expect(text).toContain(exp.contains);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
