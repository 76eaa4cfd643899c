import { describe, expect, it } from 'vitest';
import { compile, withValues } from '../../src/core/compile';
import { GraphError } from '../../src/core/errors';
import { MAX_TENSOR_SIZE } from '../../src/core/limits';
import { L, N, spec } from '../helpers';

function problems(raw: unknown) {
  try {
    compile(raw);
  } catch (e) {
    if (e instanceof GraphError) return e.problems;
    throw e;
  }
  throw new Error('compiled without error');
}

describe('compile', () => {
  it('topologically sorts regardless of file order and infers shapes', () => {
    const p = compile(
      spec(
        [
          N('y', 'dot', ['h', 'h']),
          N('h', 'matmul', ['W', 'x']),
          L('W', [
            [1, 2],
            [3, 4],
            [5, 6],
          ]),
          L('x', [1, 1]),
        ],
        'y',
      ),
    );
    const pos = (id: string) => p.order.indexOf(id);
    expect(pos('W')).toBeLessThan(pos('h'));
    expect(pos('x')).toBeLessThan(pos('h'));
    expect(pos('h')).toBeLessThan(pos('y'));
    expect(p.nodes.get('h')?.shape).toEqual([3]);
    expect(p.nodes.get('y')?.shape).toEqual([]);
    expect(p.nodes.get('h')?.consumers).toEqual([
      { node: 'y', slot: 0 },
      { node: 'y', slot: 1 },
    ]);
  });

  it('re-infers every shape when an input changes shape', () => {
    const base = spec([
      L('Q', [[1, 0]]),
      L('K', [
        [1, 0],
        [0, 1],
      ]),
      N('S', 'attn_scores', ['Q', 'K']),
      N('P', 'softmax', ['S']),
      N('o', 'sum', ['P']),
    ]);
    expect(compile(base).nodes.get('S')?.shape).toEqual([1, 2]);
    const q = Array.from({ length: 4 }, () => [0.1, 0.2, 0.3]);
    const k = Array.from({ length: 5 }, () => [0.3, 0.2, 0.1]);
    const p = compile(withValues(base, { Q: q, K: k }));
    expect(p.nodes.get('S')?.shape).toEqual([4, 5]);
    expect(p.nodes.get('P')?.shape).toEqual([4, 5]);
  });

  it.each([
    ['unknown op', spec([L('a', 1), N('b', 'frobnicate', ['a'])]), { node: 'b', field: 'op', message: 'unknown op "frobnicate"' }],
    ['dangling input', spec([L('a', 1), N('b', 'exp', ['nope'])]), { node: 'b', field: 'inputs[0]', message: 'unknown input "nope"' }],
    ['duplicate id', spec([L('a', 1), L('a', 2)]), { node: 'a', field: 'id', message: 'duplicate id' }],
    [
      'self loop',
      spec([L('a', 1), N('b', 'add', ['a', 'b'])]),
      { node: 'b', field: 'inputs[1]', message: 'a node cannot consume itself (cycle)' },
    ],
    ['wrong arity', spec([L('a', 1), N('b', 'add', ['a'])]), { node: 'b', field: 'inputs', message: 'add takes 2 inputs (a, b), got 1' }],
    [
      'non-finite literal',
      { nodes: [{ id: 'a', op: 'leaf', value: [1, null] }], objectives: [{ name: 'o', node: 'a' }] },
      { node: 'a', field: 'value', message: '[1] is null, expected a number' },
    ],
    [
      'ragged literal',
      spec([L('a', [[1, 2], [3]] as never), N('s', 'sum', ['a'])]),
      { node: 'a', field: 'value', message: 'ragged array at [1]: expected 2 entries' },
    ],
    [
      'leaf without value',
      { nodes: [{ id: 'a', op: 'leaf' }], objectives: [{ name: 'o', node: 'a' }] },
      { node: 'a', field: 'value', message: 'a leaf needs a value' },
    ],
    ['bad attr', spec([L('a', [1, 2]), N('b', 'pow', ['a'], { p: 'two' })]), { node: 'b', field: 'attrs.p' }],
  ])('rejects %s with node and field', (_name, raw, expected) => {
    expect(problems(raw)[0]).toMatchObject(expected);
  });

  it('names the nodes of a longer cycle', () => {
    const ps = problems(spec([L('x', 1), N('a', 'add', ['x', 'c']), N('b', 'exp', ['a']), N('c', 'exp', ['b'])], 'c'));
    expect(ps[0]?.field).toBe('inputs');
    expect(ps[0]?.message).toMatch(/^cycle: /);
    for (const id of ['a', 'b', 'c']) expect(ps[0]?.message).toContain(id);
  });

  it('rejects shape mismatches naming the input', () => {
    expect(problems(spec([L('A', [[1, 2, 3]]), L('B', [[1, 2]]), N('C', 'matmul', ['A', 'B'])]))[0]).toMatchObject({
      node: 'C',
      field: 'inputs[1]',
    });
    expect(problems(spec([L('a', [1, 2, 3]), L('b', [1, 2]), N('c', 'add', ['a', 'b'])]))[0]?.message).toContain('cannot broadcast');
    expect(problems(spec([L('a', [1, 2, 3]), N('c', 'softmax', ['a'], { axis: 2 })]))[0]).toMatchObject({ node: 'c', field: 'attrs.axis' });
  });

  it('rejects a tensor over the size limit', () => {
    const big = spec([L('u', new Array(1025).fill(1)), L('v', new Array(1025).fill(1)), N('o', 'outer', ['u', 'v']), N('s', 'sum', ['o'])]);
    expect(1025 * 1025).toBeGreaterThan(MAX_TENSOR_SIZE);
    expect(problems(big)[0]).toMatchObject({ node: 'o', field: 'shape' });
  });

  it('requires scalar objectives that exist', () => {
    expect(problems(spec([L('a', [1, 2])], 'a'))[0]?.message).toContain('must be a scalar');
    expect(problems(spec([L('a', 1)], 'zz'))[0]).toMatchObject({ field: 'objectives[0].node' });
  });

  it('locates schema errors by node id', () => {
    expect(
      problems({ nodes: [{ id: 'ok', op: 'leaf', value: 1, colour: 'red' }], objectives: [{ name: 'o', node: 'ok' }] })[0],
    ).toMatchObject({ node: 'ok' });
    expect(problems({ nodes: [], objectives: [] }).map((p) => p.field)).toEqual(['nodes', 'objectives']);
    expect(problems('not an object')[0]?.field).toBe('(graph)');
  });

  describe('validation at float32', () => {
    it('refuses literals and attrs finite in float64 but not in float32', () => {
      expect(Number.isFinite(1e39)).toBe(true);
      expect(problems(spec([L('x', [1, 1e39]), N('s', 'sum', ['x'])]))[0]).toMatchObject({
        node: 'x',
        field: 'value',
        message: expect.stringContaining('[1] is 1e+39, not finite in float32'),
      });
      expect(problems(spec([L('x', [1, 2]), N('y', 'scale', ['x'], { by: -1e39 }), N('s', 'sum', ['y'])]))[0]).toMatchObject({
        node: 'y',
        field: 'attrs.by',
      });
      // The largest float32 still compiles.
      expect(() => compile(spec([L('x', [3.4028234e38]), N('s', 'sum', ['x'])]))).not.toThrow();
    });

    it('refuses an unknown attr key with a did-you-mean, instead of running on the default', () => {
      const ps = problems(spec([L('S', [[1, 2]]), N('P', 'softmax', ['S'], { axsi: 0 }), N('o', 'sum', ['P'])]));
      expect(ps).toHaveLength(1);
      expect(ps[0]).toMatchObject({ node: 'P', field: 'attrs.axsi' });
      expect(ps[0]?.message).toContain('did you mean "axis"?');
      expect(problems(spec([L('x', 1), N('y', 'exp', ['x'], { base: 2 })]))[0]).toMatchObject({
        field: 'attrs.base',
        message: expect.stringContaining('exp takes no attrs'),
      });
      expect(problems(spec([L('x', 1), N('y', 'sqaure', ['x'])]))[0]?.message).toContain('did you mean "square"?');
    });

    it('refuses __proto__ and constructor as attr keys without touching any prototype', () => {
      const raw = JSON.parse(
        '{"nodes":[{"id":"x","op":"leaf","value":[1,2]},{"id":"y","op":"sum","inputs":["x"],"attrs":{"__proto__":{"polluted":1},"constructor":2}}],"objectives":[{"name":"o","node":"y"}]}',
      );
      const ps = problems(raw);
      expect(ps.map((p) => p.field)).toEqual(['attrs.__proto__', 'attrs.constructor']);
      for (const p of ps) expect(p).toMatchObject({ node: 'y', message: expect.stringContaining('reserved') });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('escapes and truncates echoed names: a newline in a file cannot forge a second message line', () => {
      const forged = `x\nnode "L", field "op": all good${'!'.repeat(200)}`;
      const raw = { nodes: [{ id: forged, op: 'leaf', value: 1 }], objectives: [{ name: 'o', node: 'x' }] };
      let err: GraphError | undefined;
      try {
        compile(raw);
      } catch (e) {
        err = e as GraphError;
      }
      expect(err).toBeInstanceOf(GraphError);
      const lines = (err as GraphError).message.split('\n');
      expect(lines).toHaveLength((err as GraphError).problems.length);
      expect(lines.some((l) => l.startsWith('node "L"'))).toBe(false);
      const node = (err as GraphError).problems[0]?.node as string;
      expect(node.startsWith('x\\nnode')).toBe(true);
      expect(node.length).toBeLessThanOrEqual(60);
      expect(node.endsWith('…')).toBe(true);
      // Bidi overrides are made visible too.
      expect(new GraphError([{ node: 'a\u202eb', field: 'f', message: 'm' }]).problems[0]?.node).toBe('a\\u202eb');
    });
  });

  it('withValues rejects unknown ids and computed nodes', () => {
    const s = spec([L('a', 1), N('b', 'exp', ['a'])]);
    expect(() => withValues(s, { zz: 1 })).toThrow(/no node "zz"/);
    expect(() => withValues(s, { b: 1 })).toThrow(/only leaves take values/);
  });
});
