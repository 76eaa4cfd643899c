/**
 * One registry per kind of thing: ops (src/core/ops/index.ts), exercises (graphs/index.ts), lesson
 * panels (the PANELS map in src/ui/panels/LessonPanels.tsx, typed over every block key). Everything
 * else that lists them is derived, so adding one never means editing a second list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXERCISE_IDS, EXERCISES } from '../../graphs/index';
import { opSignatures, REGISTRY } from '../../src/core/registry';
import { completions } from '../../src/lang/index';
import { catalogue } from '../../src/ui/compute/exercises';

const root = new URL('../../', import.meta.url);

/** Source files under a folder of the repo, recursively. */
function sources(dir: string): string[] {
  return readdirSync(new URL(dir, root), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => `${e.parentPath}/${e.name}`);
}

describe('the op registry is the only list of ops', () => {
  const ops = [...REGISTRY.values()];

  it('the signatures the worker sends (completion, palette) are every op with its input slots, in registry order', () => {
    expect(opSignatures()).toEqual(ops.map((o) => ({ name: o.name, inputs: [...o.inputs], variadic: o.variadic === true })));
  });

  it('completion offers every op it is given as a function, with its inputs', () => {
    const fns = new Map(
      completions(opSignatures())
        .filter((c) => c.type === 'function')
        .map((c) => [c.label, c.detail]),
    );
    for (const op of ops) expect(fns.get(op.name), op.name).toBe(`(${op.inputs.join(', ')}${op.variadic ? '…' : ''})`);
    expect(fns.get('stack')).toBe('(u…)');
    expect(fns.get('matmul')).toBe('(A, B)');
  });

  it('src/lang holds no op table: no file there names most ops', () => {
    const names = ops.map((o) => o.name);
    // As a quoted string or an object key (`relu: { inputs: … }`, the shape the generated table had);
    // the infix sugar (+ → add, @ → matmul…) names a quarter of them.
    const spelt = (text: string, n: string) => [`'${n}'`, `"${n}"`, `${n}: {`].some((w) => text.includes(w));
    const tables = sources('src/lang').filter((f) => {
      const text = readFileSync(f, 'utf8');
      return names.filter((n) => spelt(text, n)).length >= names.length / 2;
    });
    expect(tables).toEqual([]);
  });

  it('no source outside src/core/ops spells the op list', () => {
    // A second hand-written list names most ops in one file; syntax sugar (infix → add, mul…) names a few.
    const names = ops.map((o) => o.name);
    const offenders = [...sources('src'), ...sources('stories')]
      .filter((f) => !f.includes('/src/core/ops/'))
      .filter((f) => {
        const text = readFileSync(f, 'utf8');
        return names.filter((n) => text.includes(`'${n}'`) || text.includes(`"${n}"`)).length >= names.length / 2;
      });
    expect(offenders).toEqual([]);
  });
});

describe('graphs/index.ts is the only list of exercises', () => {
  it('the explorer’s catalogue (sidebar) is the registry, in its order, with its themes', () => {
    expect(catalogue().map((e) => [e.id, e.theme])).toEqual(EXERCISES.map((e) => [e.id, e.theme]));
    expect(EXERCISE_IDS).toEqual(EXERCISES.map((e) => e.id));
  });

  it('no source in src or stories/support lists the exercise ids', () => {
    const offenders = [...sources('src'), ...sources('stories/support')].filter((f) => {
      const text = readFileSync(f, 'utf8');
      return EXERCISE_IDS.filter((id) => text.includes(id)).length >= 2;
    });
    expect(offenders).toEqual([]);
  });
});
