import { describe, expect, it } from 'vitest';
import { parseGraphText as parseWith } from '../../src/core/load';
import { loadGraphSource } from '../../src/lang/load';
import { looksLikeGf } from '../../src/lang/sniff';

const parseGraphText = (text: string, name: string) => parseWith(text, { name });

const GF = 'x = 3\ny = x^2\nobjective y\n';

describe('one loader for .gf and JSON (CLI and explorer)', () => {
  it('parseGraphText (open file, paste, ?src=, inline embeds) reads .gf by name and unnamed .gf by its first line', () => {
    const want = {
      nodes: [
        { id: 'x', op: 'leaf', value: 3 },
        { id: 'y', op: 'square', inputs: ['x'] },
      ],
      objectives: [{ name: 'y', node: 'y' }],
    };
    expect(parseGraphText(GF, 'my.gf')).toEqual({ ok: true, value: want });
    expect(parseGraphText(GF, 'pasted JSON')).toEqual({ ok: true, value: want });
    expect(parseGraphText(`# a comment first\n${GF}`, 'the graph written in the page')).toEqual({ ok: true, value: want });
  });

  it('JSON is read as before, and text that is neither stays a JSON error', () => {
    expect(parseGraphText('{"nodes": 1}', 'pasted JSON')).toEqual({ ok: true, value: { nodes: 1 } });
    const r = parseGraphText('this is not json', 'pasted JSON');
    expect(r.ok === false && r.problem.message).toMatch(/is not valid JSON/);
    expect(parseGraphText(GF, 'graph.json').ok).toBe(false);
    for (const t of ['this is not json', 'null', '42', '"graph"', '[1]']) expect(looksLikeGf(t)).toBe(false);
  });

  it('a .gf problem reaches the UI with its line and column', () => {
    expect(parseGraphText('x = 3\ny = relu(x)\nz = relu(q)\nw = relu(p)\nobjective y\n', 'a.gf')).toEqual({
      ok: false,
      problem: { node: 'z', field: 'inputs', message: 'line 3, column 10: unknown name "q" (and 1 more)' },
    });
  });

  it('which names are ops is the engine’s to say: any call lowers to a node of that op', () => {
    // The loader (tfjs-free) has no op list; compile (src/core) refuses the op, located by the parse.
    expect(parseGraphText('x = 3\ny = rleu(x)\nobjective y\n', 'a.gf')).toEqual({
      ok: true,
      value: {
        nodes: [
          { id: 'x', op: 'leaf', value: 3 },
          { id: 'y', op: 'rleu', inputs: ['x'] },
        ],
        objectives: [{ name: 'y', node: 'y' }],
      },
    });
  });

  it('loadGraphSource validates with the schema and locates engine problems in the text', () => {
    const ok = loadGraphSource(GF, 'a.gf');
    expect(ok.ok && ok.spec.nodes.length).toBe(2);
    const bad = loadGraphSource('`__proto__` = 3\ny = `__proto__`^2\nobjective y\n', 'a.gf');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems[0]).toMatchObject({ node: '__proto__', field: 'id', line: 1, col: 1 });
  });
});
