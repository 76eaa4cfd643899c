import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '../../scripts/build-grammar';

const read = (f: string) => readFileSync(new URL(`../../src/lang/${f}`, import.meta.url), 'utf8');

describe('the committed parser', () => {
  it('is what `npm run build:grammar` generates from gf.grammar', () => {
    const out = generate(read('gf.grammar'));
    expect(read('gf.parser.ts')).toBe(out.parser);
    expect(read('gf.terms.ts')).toBe(out.terms);
  });

  it('a changed grammar generates a different parser (the comparison can fail)', () => {
    const changed = generate(
      read('gf.grammar').replace('CheckpointStmt { kw<"checkpoint"> Number }', 'CheckpointStmt { kw<"checkpoint"> Number Number? }'),
    );
    expect(changed.parser).not.toBe(read('gf.parser.ts'));
  });
});
