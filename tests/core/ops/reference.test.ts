import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { opsTable, opText } from '../../../src/cli/commands/ops';
import { ALL_OPS } from '../../../src/core/ops/index';
import { cli } from '../../cli/helpers';

/** The generated reference: op name → its cells (inputs · attrs, forward, VJP, notes), pipes unescaped. */
function table(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of opsTable().split('\n')) {
    const m = /^\|\s*`([a-z_]+)`\s*\|(.*)\|$/.exec(line);
    if (!m) continue;
    expect(rows.has(m[1] as string), `${m[1]} listed twice`).toBe(false);
    rows.set(
      m[1] as string,
      (m[2] as string).split(/(?<!\\)\|/).map((c) => c.trim().replaceAll('\\|', '|')),
    );
  }
  return rows;
}

describe('the op reference (gradflow ops), generated from the registry', () => {
  const rows = table();

  it('lists every registered op once, in registry order, and nothing else', () => {
    expect([...rows.keys()]).toEqual(ALL_OPS.map((o) => o.name));
  });

  it.each(ALL_OPS.map((o) => [o.name, o] as const))('%s: its inputs and attrs as the op declares them, and its own doc', (name, op) => {
    const [signature = '', forward, vjp, notes] = rows.get(name) ?? [];
    const [inputs = '', attrs = ''] = signature.split(' · ');
    expect(inputs.split(', ')).toEqual(op.inputs.map((s) => (op.variadic ? `${s}…` : s)));
    const declared = Object.keys((op.attrs as unknown as { shape?: Record<string, unknown> } | undefined)?.shape ?? {});
    if (declared.length === 0) expect(attrs).toBe('');
    for (const a of declared) expect(attrs).toContain(`\`${a}\``);
    expect(op.doc.forward.trim()).not.toBe('');
    expect(op.doc.vjp.trim()).not.toBe('');
    expect([forward, vjp, notes]).toEqual([op.doc.forward, op.doc.vjp, op.doc.notes ?? '']);
  });

  it('attrs show their defaults and allowed values from the schema', () => {
    expect(rows.get('leaky_relu')?.[0]).toBe('x · `alpha` (0.01)');
    expect(rows.get('sum')?.[0]).toBe('x · `axis` (null)');
    expect(rows.get('gelu')?.[0]).toBe('x · `approximate` (`none` | `tanh`; default `none`)');
    expect(rows.get('pick')?.[0]).toBe('x · `index`');
    expect(rows.get('stack')?.[0]).toBe('u…');
    // a pipe inside a cell is escaped, so the row keeps its five cells
    expect(opsTable()).toContain('| \\|x\\| |');
  });

  it('the CLI prints it; an unknown name is refused with a did-you-mean', async () => {
    const all = await cli('ops');
    expect(all.code).toBe(0);
    expect(all.out).toBe(opsTable());
    const one = await cli('ops', 'rleu');
    expect(one.code).toBe(2);
    expect(one.err).toContain('no op "rleu" (did you mean "relu"?)');
  });

  it('the README has no hand-written row per op, and its example is what `gradflow ops softmax` prints', () => {
    const text = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const start = text.indexOf('\n## Ops\n');
    const section = text.slice(start, text.indexOf('\n## ', start + 1));
    expect(start).toBeGreaterThan(0);
    expect(section).not.toMatch(/^\|\s*`[a-z_]+`\s*\|/m);
    expect(section).toContain(`\`\`\`text\n${opText(ALL_OPS.find((o) => o.name === 'softmax') as never)}\n\`\`\``);
  });
});
