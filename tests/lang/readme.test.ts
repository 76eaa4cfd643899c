import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GraphSpec } from '../../src/core/types';
import { exerciseFromSpec, runExercise } from '../../src/engine/exercise';
import { INITIALISERS } from '../../src/lang/consts';
import { parser } from '../../src/lang/gf.parser';
import { parseGf } from '../../src/lang/parse';
import { KEYWORDS } from '../../src/lang/text';
import { cli } from '../cli/helpers';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const start = readme.indexOf('## Write your own graph');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const blocks = (lang: string) => [...section.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1] as string);
const gf = blocks('gf');
// the inline text of the embedding example is graph language too
const inline = blocks('html').map((h) => h.match(/<script type="text\/gradflow">([\s\S]*?)<\/script>/)?.[1] ?? '');

describe('README "Write your own graph"', () => {
  it('has the section and its code blocks', () => {
    expect(start).toBeGreaterThan(0);
    expect(gf.length).toBeGreaterThanOrEqual(6);
    expect(inline.filter((t) => t.trim())).toHaveLength(1);
  });

  it('every gf block (and the inline embed text) parses, compiles, runs, and its checks pass', () => {
    const texts = [...gf.slice(1), ...inline];
    const tutorial = `${gf[0]}${gf[1]}`; // the tutorial's check line goes under its graph
    for (const text of [tutorial, ...texts.slice(1)]) {
      const r = parseGf(text);
      expect(r.problems, text).toEqual([]);
      const run = runExercise(exerciseFromSpec(r.spec as GraphSpec));
      expect(run.checks.filter((c) => !c.pass)).toEqual([]);
    }
  });

  it('together the blocks use every named node of the grammar, every keyword and every initialiser', () => {
    const seen = new Set<string>();
    for (const text of [...gf, ...inline]) {
      parser.parse(text).iterate({
        enter: (n) => {
          seen.add(n.name);
        },
      });
    }
    const named = parser.nodeSet.types.filter((t) => !t.isError && /^[A-Za-z]/.test(t.name)).map((t) => t.name);
    expect(named.filter((n) => !seen.has(n))).toEqual([]);
    expect(KEYWORDS.filter((k) => !seen.has(k))).toEqual([]);
    const code = gf.join('\n');
    expect(INITIALISERS.filter((f) => !code.includes(`${f}(`))).toEqual([]);
    // the reserved words the prose lists are exactly the parser's
    expect(section.replace(/\s+/g, ' ')).toContain(`reserved: \`${KEYWORDS.join(' ')}\``);
  });

  describe('the tutorial, as printed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradflow-readme-'));
    const cwd = process.cwd();
    process.chdir(dir);
    afterAll(() => process.chdir(cwd));

    it('empty file → exit 2; the expression → ok with 13 nodes; the typo → file:line:col; run → 46 and PASS', async () => {
      writeFileSync('sanity.gf', '');
      expect((await cli('check', 'sanity.gf')).code).toBe(2);
      writeFileSync('sanity.gf', gf[0] as string);
      expect((await cli('check', 'sanity.gf')).out).toBe('ok: custom — 13 nodes, objectives y');
      writeFileSync('sanity.gf', (gf[0] as string).replace('q = relu', 'q = rleu'));
      const typo = await cli('check', 'sanity.gf');
      expect(typo.code).toBe(2);
      expect(section).toContain(`\`\`\`text\n${typo.err}\n\`\`\``);
      writeFileSync('sanity.gf', `${gf[0]}${gf[1]}`);
      const run = await cli('run', 'sanity.gf');
      expect(run.out).toContain('∂y/∂x scalar  ‖·‖ = 46');
      expect(run.out).toContain('PASS - dy/dx = 46');
      expect(section).toContain('`PASS - dy/dx = 46`');
    });
  });
});
