import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_OPS } from '../../../src/core/ops/index';

/** The README's op table: op name → the "inputs · attrs" cell. */
function table(): Map<string, string> {
  const text = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const start = text.indexOf('\n## Ops\n');
  const end = text.indexOf('\n## ', start + 1);
  expect(start).toBeGreaterThan(0);
  const rows = new Map<string, string>();
  for (const line of text.slice(start, end).split('\n')) {
    const m = /^\|\s*`([a-z_]+)`\s*\|([^|]*)\|/.exec(line);
    if (m) rows.set(m[1] as string, (m[2] as string).trim());
  }
  return rows;
}

describe('README op table', () => {
  const rows = table();

  it('lists every registered op once, and nothing else', () => {
    expect([...rows.keys()].sort()).toEqual(ALL_OPS.map((o) => o.name).sort());
  });

  it.each(ALL_OPS.map((o) => [o.name, o] as const))('%s: its inputs and attrs as the op declares them', (name, op) => {
    const [inputs = '', attrs = ''] = (rows.get(name) ?? '').split(' · ');
    expect(inputs.split(', ')).toEqual(op.inputs.map((s) => (op.variadic ? `${s}…` : s)));
    const declared = Object.keys((op.attrs as unknown as { shape?: Record<string, unknown> } | undefined)?.shape ?? {});
    if (declared.length === 0) expect(attrs).toBe('');
    for (const a of declared) expect(attrs).toContain(`\`${a}\``);
  });
});
