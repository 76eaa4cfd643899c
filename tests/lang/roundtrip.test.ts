import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../../graphs/index';
import { resolveOptions } from '../../src/core/options';
import type { GraphSpec, OptionSpec, OptionValue } from '../../src/core/types';
import { parseGf } from '../../src/lang/parse';
import { printGf } from '../../src/lang/print';

/** Empty arrays and absent fields mean the same in a GraphSpec; the printer writes neither. */
const dropEmpty = (v: unknown): unknown =>
  JSON.parse(
    JSON.stringify(v, (_k, x) =>
      x && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x).filter(([, y]) => !(Array.isArray(y) && y.length === 0)))
        : x,
    ),
  );

/** Every combination of one option changed from the defaults (and the defaults). */
function optionSets(opts: readonly OptionSpec[]): Record<string, OptionValue>[] {
  const out: Record<string, OptionValue>[] = [{}];
  for (const o of opts) for (const v of o.values) if (v !== o.default) out.push({ [o.name]: v });
  return out;
}

describe('print → parse round trip', () => {
  for (const ex of EXERCISES) {
    for (const given of optionSets(ex.options)) {
      it(`${ex.id} ${JSON.stringify(given)}: the built GraphSpec prints and parses back identical`, () => {
        const built = ex.build(resolveOptions(ex.options, given));
        const spec: GraphSpec = { ...built, id: ex.id, title: ex.title, options: ex.options, notes: built.notes ?? ex.notes };
        const text = printGf(spec);
        const back = parseGf(text);
        expect(back.problems).toEqual([]);
        expect(dropEmpty(back.spec)).toEqual(dropEmpty(spec));
        // canonical: printing the parsed spec gives the same text
        expect(printGf(back.spec as GraphSpec)).toBe(text);
      });
    }
  }

  it('inlines intermediates back into the expression they came from', () => {
    const text = 'x = [1, -4]\nw = [1, 2]\ny = 3\nloss = 0.5 * (w · x + 1 - y)^2\n\nobjective loss\n';
    const spec = parseGf(text).spec as GraphSpec;
    expect(spec.nodes.map((n) => n.id)).toEqual(['x', 'w', 'y', 'loss.dot', 'loss.c', 'loss.add', 'loss.sub', 'loss.square', 'loss']);
    expect(printGf(spec)).toBe(text);
  });

  it('falls back to one line per node when an intermediate was edited (label changed)', () => {
    const spec = parseGf('x = 2\ny = relu(x * x)\nobjective y\n').spec as GraphSpec;
    const edited: GraphSpec = { ...spec, nodes: spec.nodes.map((n) => (n.id === 'y.mul' ? { ...n, label: 'x squared' } : n)) };
    const text = printGf(edited);
    expect(text).toContain('y.mul = x * x { label: "x squared" }');
    expect(text).toContain('y = relu(y.mul)');
    expect(parseGf(text).spec).toEqual(edited);
  });

  it('keeps comments and initialisers through fmt (print of parse)', () => {
    const text =
      '# a comment\nparam W = randn(2, 2, seed=3) * 0.1  # init\nx = [1, 2]\n# before y\ny = sum(W @ x)\nobjective y\n# the end\n';
    const p = parseGf(text);
    const out = printGf(p.spec as GraphSpec, { inits: p.inits, comments: p.comments });
    expect(out).toBe(
      '# a comment\nparam W = randn(2, 2, seed=3) * 0.1  # init\nx = [1, 2]\n# before y\ny = sum(W @ x)\n\nobjective y\n# the end\n',
    );
    expect(parseGf(out).spec).toEqual(p.spec);
  });
});
