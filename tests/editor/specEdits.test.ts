import { describe, expect, test } from 'vitest';
import { compile } from '../../src/core/compile';
import { GraphError } from '../../src/core/errors';
import type { GraphSpec } from '../../src/core/types';
import { parseGf, printGf } from '../../src/lang';
import { addNode, addResidual, deleteEdge, deleteNode, type Edited, renameNode, setInput, setOp } from '../../src/ui/canvas/edit/specEdits';
import { fileBase } from '../../src/ui/editor/files';
import { minimalChange } from '../../src/ui/editor/history';
import { TINY } from './tiny';

const TEXT = `${TINY}check "L" value(L) == 1\n`;

const spec = (): GraphSpec => {
  const s = parseGf(TEXT).spec;
  if (!s) throw new Error('fixture does not parse');
  return s;
};
const ok = (e: Edited): GraphSpec => {
  if (!e.ok) throw new Error(`refused: ${e.problem.message}`);
  return e.spec;
};
const node = (s: GraphSpec, id: string) => s.nodes.find((n) => n.id === id);
/** The edit printed as text parses back to exactly the edited spec (what runs is what the text says). */
const roundTrips = (s: GraphSpec) => expect(parseGf(printGf(s)).spec).toEqual(s);
/** The engine's verdict: null when it compiles, else its first located problem. */
const engine = (s: GraphSpec) => {
  try {
    compile(s);
    return null;
  } catch (e) {
    if (e instanceof GraphError) return e.problems[0];
    throw e;
  }
};

describe('canvas edits on the spec', () => {
  test('relu → tanh changes only that op (attrs dropped), and the text says tanh', () => {
    const s = ok(setOp(spec(), 'a', 'tanh'));
    expect(node(s, 'a')).toEqual({ id: 'a', op: 'tanh', inputs: ['z'] });
    expect(printGf(s)).toContain('a = tanh(z)');
    roundTrips(s);
    expect(engine(s)).toBeNull();
    expect(setOp(spec(), 'w', 'tanh')).toMatchObject({ ok: false, problem: { node: 'w', field: 'op' } });
  });

  test('rename re-points consumers, objectives and checks', () => {
    const s = ok(renameNode(spec(), 'a', 'act'));
    expect(node(s, 'a')).toBeUndefined();
    expect(node(s, 'L')?.inputs).toEqual(['act']);
    const r = ok(renameNode(spec(), 'L', 'loss'));
    expect(r.objectives).toEqual([{ name: 'L', node: 'loss' }]);
    expect(r.checks?.[0]?.node).toBe('loss');
    roundTrips(s);
    expect(engine(s)).toBeNull();
    expect(renameNode(spec(), 'a', 'z')).toMatchObject({ ok: false, problem: { node: 'a', field: 'id' } });
  });

  test('connect sets one input slot; a cycle is refused by the engine naming the node', () => {
    const s = ok(setInput(spec(), 'z', 1, 'w'));
    expect(node(s, 'z')?.inputs).toEqual(['w', 'w']);
    expect(engine(s)).toBeNull();
    const cyc = ok(setInput(spec(), 'z', 0, 'a'));
    expect(engine(cyc)).toMatchObject({ field: 'inputs' });
  });

  test('delete splices a node out; a leaf with consumers and the objective are refused', () => {
    const s = ok(deleteNode(spec(), 'a'));
    expect(node(s, 'L')?.inputs).toEqual(['z']);
    roundTrips(s);
    expect(engine(s)).toBeNull();
    const leafGone = ok(deleteNode(spec(), 'x'));
    expect(engine(leafGone)).toMatchObject({ node: 'z' });
    expect(deleteNode(spec(), 'L')).toMatchObject({ ok: false, problem: { node: 'L', field: 'objective' } });
    // an edge removed from a binary op leaves it short of an input: the engine says so
    expect(engine(ok(deleteEdge(spec(), 'z', 1)))).toMatchObject({ node: 'z' });
  });

  test('palette: an op reads the selected node in every slot; leaves get fresh ids', () => {
    const s = ok(addNode(spec(), { op: 'tanh', arity: 1 }, 'z'));
    expect(node(s, 'tanh')).toEqual({ id: 'tanh', op: 'tanh', inputs: ['z'] });
    const t = ok(addNode(s, { op: 'tanh', arity: 1 }, 'a'));
    expect(node(t, 'tanh2')?.inputs).toEqual(['a']);
    const c = ok(addNode(spec(), { leaf: 'constant' }, null));
    expect(node(c, 'c')).toEqual({ id: 'c', op: 'leaf', value: 1, role: 'constant' });
    roundTrips(t);
    expect(engine(t)).toBeNull();
  });

  test('residual: a = relu(z) becomes a_res = a + z, and L reads the sum', () => {
    const s = ok(addResidual(spec(), 'a', 'z'));
    expect(node(s, 'a_res')).toEqual({ id: 'a_res', op: 'add', inputs: ['a', 'z'] });
    expect(node(s, 'L')?.inputs).toEqual(['a_res']);
    roundTrips(s);
    expect(engine(s)).toBeNull();
    // a residual from a node downstream is a cycle: the engine refuses it, naming the node
    expect(engine(ok(addResidual(spec(), 'a', 'L')))).toMatchObject({ node: 'L', field: 'inputs', message: 'cycle: L → a_res → L' });
  });
});

describe('files and text patches', () => {
  test('file names from titles: nothing but letters, digits, _ and -', () => {
    expect(fileBase('micrograd sanity check')).toBe('micrograd-sanity-check');
    expect(fileBase('../../etc/passwd')).toBe('etc-passwd');
    expect(fileBase('Ex 4 — vanishing gradients (edited copy)')).toBe('Ex-4-vanishing-gradients-edited-copy');
    expect(fileBase('')).toBe('graph');
    expect(fileBase(undefined)).toBe('graph');
    expect(fileBase('x'.repeat(200))).toHaveLength(60);
  });

  test('a canvas edit changes only the text that differs', () => {
    const before = 'a = relu(z)\nL = sum(a)\n';
    const after = 'a = tanh(z)\nL = sum(a)\n';
    expect(minimalChange(before, after)).toEqual({ from: 4, to: 8, insert: 'tanh' });
    expect(minimalChange('abc', 'abc')).toEqual({ from: 3, to: 3, insert: '' });
    expect(minimalChange('aa', 'aaa')).toEqual({ from: 2, to: 2, insert: 'a' });
  });
});
