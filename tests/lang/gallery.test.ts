import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GraphSpec } from '../../src/core/types';
import { parseGf } from '../../src/lang/parse';
import { printGf } from '../../src/lang/print';
import { cli } from '../cli/helpers';

const DIR = 'graphs/examples';
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.gf'));

describe('gallery graphs/examples/*.gf', () => {
  it('has the five graphs of the issue', () => {
    expect(FILES.sort()).toEqual([
      'dropout-layer.gf',
      'layernorm-gelu-block.gf',
      'micrograd-sanity.gf',
      'mlp-tanh-softmax-ce.gf',
      'two-head-attention.gf',
    ]);
  });

  for (const f of FILES) {
    const path = `${DIR}/${f}`;
    const text = readFileSync(path, 'utf8');
    const spec = parseGf(text).spec as GraphSpec;
    const optionRuns = [[], ...(spec?.options ?? []).flatMap((o) => o.values.map((v) => ['--option', `${o.name}=${String(v)}`]))];

    it(`${f}: gradflow gradcheck passes at every option value`, async () => {
      for (const opt of optionRuns) {
        const r = await cli('gradcheck', path, ...opt, '--json');
        expect(r.err).toBe('');
        const j = JSON.parse(r.out);
        expect(j.pass, `${f} ${opt.join(' ')}`).toBe(true);
        // nothing skipped: every leaf with a gradient was compared with tf.grads and finite differences
        expect(j.leaves.filter((l: { pass: boolean | null }) => l.pass === null)).toEqual([]);
      }
    });

    it(`${f}: its declarative checks pass (gradflow run exits 0)`, async () => {
      const r = await cli('run', path, '--json');
      expect(r.err).toBe('');
      const j = JSON.parse(r.out);
      expect(j.checks.length).toBeGreaterThan(0);
      expect(j.checks.filter((c: { pass: boolean }) => !c.pass)).toEqual([]);
      expect(r.code).toBe(0);
    });

    it(`${f}: is in canonical form (gradflow fmt changes nothing)`, () => {
      const p = parseGf(text);
      expect(printGf(p.spec as GraphSpec, { inits: p.inits, comments: p.comments })).toBe(text);
    });
  }

  it("micrograd's sanity expression: y = −20 and dy/dx = 46", async () => {
    const j = JSON.parse((await cli('run', `${DIR}/micrograd-sanity.gf`, '--json')).out);
    expect(j.values.y).toBe(-20);
    expect(j.grads.x).toBe(46);
  });

  it('the activation toggle of the MLP switches the op and the gradients', async () => {
    const at = async (act: string) =>
      JSON.parse((await cli('run', `${DIR}/mlp-tanh-softmax-ce.gf`, '--option', `activation=${act}`, '--json')).out);
    const [t, r] = [await at('tanh'), await at('relu')];
    expect(t.values.h.flat().some((v: number) => v < 0)).toBe(true); // tanh goes negative
    expect(r.values.h.flat().every((v: number) => v >= 0)).toBe(true); // relu does not
    expect(t.grads.W1).not.toEqual(r.grads.W1);
  });

  it('dropout: the mask follows the seed; eval mode is the identity', async () => {
    const run = async (...a: string[]) => JSON.parse((await cli('run', `${DIR}/dropout-layer.gf`, '--json', ...a)).out);
    const [s0, s0b, s1, ev] = [
      await run('--seed', '0'),
      await run('--seed', '0'),
      await run('--seed', '1'),
      await run('--option', 'mode=eval'),
    ];
    expect(s0.values.d).toEqual(s0b.values.d);
    expect(s0.values.d).not.toEqual(s1.values.d);
    expect(ev.values.d).toEqual(ev.values.h);
    // kept units are scaled by 1/(1 − p) = 2, dropped ones are 0
    s0.values.d.forEach((d: number, i: number) => {
      expect([0, 2 * s0.values.h[i]]).toContainEqual(expect.closeTo(d, 5));
    });
  });
});
