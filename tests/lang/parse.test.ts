import { describe, expect, it } from 'vitest';
import { compile, opProblems } from '../../src/core/compile';
import type { GraphSpec, NodeSpec } from '../../src/core/types';
import { exerciseFromSpec, runExercise } from '../../src/engine/exercise';
import { locateProblem } from '../../src/lang/load';
import { type GfProblem, parseGf } from '../../src/lang/parse';

const ok = (text: string): GraphSpec => {
  const r = parseGf(text);
  expect(r.problems).toEqual([]);
  return r.spec as GraphSpec;
};
const node = (s: GraphSpec, id: string) => s.nodes.find((n) => n.id === id);
/** The problems as `line:col message` (and node), the way the CLI prints them. */
const problems = (text: string) => parseGf(text).problems.map((p) => `${p.line}:${p.col}${p.node ? ` [${p.node}]` : ''} ${p.message}`);
/** The engine's check of the ops a parsed text names, placed on the text as the CLI and the editor place it. */
const opChecks = (text: string) => {
  const gf = parseGf(text);
  expect(gf.problems).toEqual([]);
  return opProblems(gf.spec as GraphSpec).map((p) => locateProblem(p, gf) as GfProblem);
};
const shown = (ps: GfProblem[]) => ps.map((p) => `${p.line}:${p.col} [${p.node}] ${p.field}: ${p.message}`);

describe('parseGf: constructs', () => {
  it('infix maths: each op one node, intermediates named <id>.<op> and labelled by their expression', () => {
    const s = ok(
      'input x = [1, 2]\nparam W1 = [[1, 0], [0, 1]]\nparam b1 = zeros(2)\nz1 = W1 @ x + b1\nobjective z = z1.sum\nz1.sum = sum(z1)\n',
    );
    expect(node(s, 'z1.matmul')).toEqual({ id: 'z1.matmul', op: 'matmul', inputs: ['W1', 'x'], label: 'W1 @ x' });
    expect(node(s, 'z1')).toEqual({ id: 'z1', op: 'add', inputs: ['z1.matmul', 'b1'] });
    expect(node(s, 'b1')).toEqual({ id: 'b1', op: 'leaf', value: [0, 0], role: 'param' });
    expect(s.objectives).toEqual([{ name: 'z', node: 'z1.sum' }]);
  });

  it('precedence: ^ over unary minus over * / @ · over + -, ^ right-associative', () => {
    const s = ok('a = 2\nb = 3\ny = -a^2 + b * a - a / b\nobjective y\n');
    expect(s.nodes.slice(2).map((n) => [n.id, n.op, n.inputs?.join(' ')])).toEqual([
      ['y.square', 'square', 'a'],
      ['y.neg', 'neg', 'y.square'],
      ['y.mul', 'mul', 'b a'],
      ['y.add', 'add', 'y.neg y.mul'],
      ['y.div', 'div', 'a b'],
      ['y', 'sub', 'y.add y.div'],
    ]);
    const p = ok('a = 2\ny = a^3^0.5\nobjective y\n');
    expect(node(p, 'y')).toEqual({ id: 'y', op: 'pow', inputs: ['a'], attrs: { p: 3 ** 0.5 } });
  });

  it('constants: a number times a node is scale, / c is scale by 1/c, ^T transposes, other constants become constant leaves', () => {
    const s = ok('x = [[1, 2], [3, 4]]\ny = sum(0.5 * x^T / 4 + 2 - [[1, 1], [1, 1]])\nobjective y\n');
    expect(s.nodes.map((n) => n.op)).toEqual(['leaf', 'transpose', 'scale', 'scale', 'leaf', 'add', 'leaf', 'sub', 'sum']);
    expect(node(s, 'y.scale')?.attrs).toEqual({ by: 0.5 });
    expect(node(s, 'y.scale2')?.attrs).toEqual({ by: 0.25 });
    expect(node(s, 'y.c')).toEqual({ id: 'y.c', op: 'leaf', value: 2, role: 'constant', label: '2' });
    expect(node(s, 'y.c2')?.value).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('calls with keyword attrs, · and @, variadic stack', () => {
    const s = ok('u = [1, 2]\nv = [3, 4]\nS = stack(u, v)\nP = softmax(S, axis=-1)\nd = u · v\nr = reshape(P, shape=[4])\nobjective d\n');
    expect(node(s, 'P')).toEqual({ id: 'P', op: 'softmax', inputs: ['S'], attrs: { axis: -1 } });
    expect(node(s, 'r')?.attrs).toEqual({ shape: [4] });
    expect(node(s, 'S')?.inputs).toEqual(['u', 'v']);
    expect(node(s, 'd')?.op).toBe('dot');
  });

  it('leaf roles, initialisers (seeded, stable), annotations, notes, graph line, groups, layers, checkpoint', () => {
    const text = `graph "My net" { id: "my-net" }
note "first note"
checkpoint 2
group blk "Block one" kind block
input x = [1, 2]
frozen F = ones(2, 2)
param W = randn(2, 2) * 0.1 { label: "W", note: "init", forward: "f", backward: "b", layer: 1, group: blk }
param V = randn(2, 2, seed=7)
constant c = full(2, value=0.5)
layer 3 {
  h = W @ x + c
}
group att "Heads" kind attention {
  k = tanh(h)
}
s = sum(k) { layer: 4 }
objective s { label: "S" }
`;
    const a = ok(text);
    const b = ok(text);
    expect(a).toEqual(b); // seeded: the same text gives the same numbers
    expect(a.id).toBe('my-net');
    expect(a.title).toBe('My net');
    expect(a.notes).toEqual(['first note']);
    expect((a as { checkpoint?: number }).checkpoint).toBe(2);
    expect(a.groups).toEqual([
      { id: 'blk', label: 'Block one', kind: 'block' },
      { id: 'att', label: 'Heads', kind: 'attention' },
    ]);
    expect(node(a, 'F')).toEqual({
      id: 'F',
      op: 'leaf',
      value: [
        [1, 1],
        [1, 1],
      ],
      role: 'frozen',
    });
    const W = node(a, 'W');
    expect(W).toMatchObject({
      role: 'param',
      label: 'W',
      note: 'init',
      commentary: { forward: 'f', backward: 'b' },
      layer: 1,
      group: 'blk',
    });
    const w = ((W as NodeSpec).value as number[][]).flat();
    expect(w.every((v) => Math.abs(v) < 0.5 && v !== 0)).toBe(true);
    expect(node(a, 'V')?.value).not.toEqual(W?.value);
    expect(node(a, 'c')?.value).toEqual([0.5, 0.5]);
    expect(node(a, 'h.matmul')).toMatchObject({ layer: 3 });
    expect(node(a, 'h')).toMatchObject({ layer: 3 });
    expect(node(a, 'k')).toMatchObject({ group: 'att' });
    expect(node(a, 's')).toMatchObject({ layer: 4 });
    expect(a.objectives).toEqual([{ name: 's', node: 's', label: 'S' }]);
  });

  it('a different seed= gives different values; the default seed differs per node', () => {
    const s = ok(
      'param A = randn(3)\nparam B = randn(3)\nparam C = randn(3, seed=1)\nparam D = randn(3, seed=1)\ny = sum(A + B + C + D)\nobjective y\n',
    );
    expect(node(s, 'A')?.value).not.toEqual(node(s, 'B')?.value);
    expect(node(s, 'C')?.value).toEqual(node(s, 'D')?.value);
  });

  it('checks: value or gradient, norm, comparison, tolerance — evaluated by exerciseFromSpec', () => {
    const s = ok(`x = 3
y = x^2
objective y
check "dy/dx = 6" grad(x) == 6
check value(y) == 9.001 within 0.001
check value(y) == 9.1 within 0.001
check norm(grad(x)) < 7
check norm(grad(x)) >= 6.5
check value(y) <= 9
check value(y) > 9
`);
    expect(s.checks?.[0]).toEqual({ name: 'dy/dx = 6', measure: 'grad', node: 'x', cmp: '==', expected: 6 });
    const r = runExercise(exerciseFromSpec(s));
    expect(r.checks.map((c) => [c.name, c.pass])).toEqual([
      ['dy/dx = 6', true],
      ['value(y) == 9.001 within 0.001', true],
      ['value(y) == 9.1 within 0.001', false],
      ['norm(grad(x)) < 7', true],
      ['norm(grad(x)) >= 6.5', false],
      ['value(y) <= 9', true],
      ['value(y) > 9', false],
    ]);
    expect(r.checks[0]?.got).toBe(6);
  });

  it('options switch an op or a value; build(options) honours them', () => {
    const s = ok(`option act = relu | tanh | sigmoid default tanh { label: "Activation" }
option init = small | big
x = [-1, 2]
param w = switch init { small => [0.1, 0.1], big => [1, 1] }
z = w * x
a = switch act { relu => relu(z), tanh => tanh(z), else => sigmoid(z) }
y = sum(a)
objective y
`);
    expect(s.options).toEqual([
      { name: 'act', label: 'Activation', values: ['relu', 'tanh', 'sigmoid'], default: 'tanh' },
      { name: 'init', values: ['small', 'big'], default: 'small' },
    ]);
    expect(node(s, 'a')).toEqual({
      id: 'a',
      op: 'sigmoid',
      inputs: ['z'],
      by: { option: 'act', cases: { relu: { op: 'relu', inputs: ['z'] }, tanh: { op: 'tanh', inputs: ['z'] } } },
    });
    const ex = exerciseFromSpec(s);
    const at = (o: Record<string, string>) => {
      const r = runExercise(ex, { options: o });
      return { op: r.program.nodes.get('a')?.spec.op, y: r.trace.values.get('y')?.data[0] as number };
    };
    expect(at({})).toEqual({ op: 'tanh', y: expect.closeTo(Math.tanh(-0.1) + Math.tanh(0.2), 6) });
    expect(at({ act: 'relu' })).toEqual({ op: 'relu', y: expect.closeTo(0.2, 6) });
    expect(at({ act: 'sigmoid', init: 'big' })).toEqual({
      op: 'sigmoid',
      y: expect.closeTo(1 / (1 + Math.exp(1)) + 1 / (1 + Math.exp(-2)), 6),
    });
    // the switched spec is still a valid GraphSpec for compile()
    expect(() => compile(ex.build({ act: 'relu', init: 'big' }))).not.toThrow();
  });

  it('ids that are not plain names are written in backticks', () => {
    const s = ok('`my-x` = 2\n`out-1` = `my-x`^2\nobjective `out-1`\n');
    expect(s.nodes.map((n) => n.id)).toEqual(['my-x', 'out-1']);
  });
});

describe('parseGf: problems name line, column and node', () => {
  it('syntax errors', () => {
    expect(problems('x = 3\ny = (x +\nobjective y\n')).toEqual(['3:1 unexpected "objective" in an assignment']);
    expect(problems('x = [1, 2\ny = sum(x)\n')).toEqual(['2:1 unexpected "y" in an array literal']);
    expect(problems('x = 3\ny = relu(x) { label "a" }\n')).toEqual(['2:21 unexpected ""a"" in an annotation block { key: value, … }']);
    expect(problems('x = 3 $ 4\n')).toEqual(['1:7 unexpected "$" in an assignment']);
    expect(problems('x = 3\ny = relu(x\n')).toEqual(['3:1 unexpected end of file in the arguments of a call']);
  });

  it('unknown ops and wrong arity: the engine’s one check, on the op’s name and on the call', () => {
    const typo = opChecks('x = 3\ny = rleu(x)\nobjective y\n');
    expect(shown(typo)).toEqual(['2:5 [y] op: unknown op "rleu" (did you mean "relu"?)']);
    // the editor's mark covers the misspelt name, not the whole line
    expect(typo[0]).toMatchObject({ from: 10, to: 14 });
    expect(shown(opChecks('x = 3\ny = relu(x, x)\nobjective y\n'))).toEqual(['2:5 [y] inputs: relu takes 1 input (x), got 2']);
    const arity = opChecks('x = 3\ny = matmul(x)\nobjective y\n');
    expect(shown(arity)).toEqual(['2:5 [y] inputs: matmul takes 2 inputs (A, B), got 1']);
    expect(arity[0]).toMatchObject({ from: 10, to: 19 });
    expect(shown(opChecks('x = 3\ny = stack()\nobjective y\n'))).toEqual(['2:5 [y] inputs: stack takes one or more inputs (u…), got 0']);
    // inside an expression: the intermediate node, at its own call
    expect(shown(opChecks('x = 3\ny = 2 * sqaure(x) + x\nobjective y\n'))).toEqual([
      '2:9 [y.sqaure] op: unknown op "sqaure" (did you mean "square"?)',
    ]);
    // a case the default options do not choose is checked too, at its own call
    expect(shown(opChecks('option act = relu | tanh\nx = 3\ny = switch act { relu => relu(x), tanh => tahn(x) }\nobjective y\n'))).toEqual([
      '3:43 [y] by.cases.tanh.op: unknown op "tahn" (did you mean "tanh"?)',
    ]);
    // compile reports the same, with the same fields (what the explorer's worker sends back)
    const gf = parseGf('x = 3\ny = rleu(x)\nobjective y\n');
    expect(() => compile(gf.spec)).toThrow(/unknown op "rleu" \(did you mean "relu"\?\)/);
  });

  it('unknown names', () => {
    expect(problems('weight = 3\ny = wieght * 2 + weight\nobjective y\n')).toEqual([
      '2:5 [y] unknown name "wieght" (did you mean "weight"?)',
    ]);
    expect(problems('x = 3\ny = x^2\nobjective z\n')).toEqual(['3:1 objective "z" names no node "z"']);
  });

  it('other semantic errors', () => {
    expect(problems('x = 3\nx = 4\ny = x^2\nobjective y\n')).toEqual(['2:1 [x] "x" is defined twice']);
    expect(problems('x = 3\nparam w = x * 2\ny = w^2\nobjective y\n')).toEqual([
      '2:11 [w] the value of param "w" must be a constant (numbers, [arrays], zeros/ones/full/randn/uniform)',
    ]);
    expect(problems('x = 3\ny = x^x\nobjective y\n')).toEqual([
      '2:7 [y] an exponent is a number (x^2, x^0.5) or T for the transpose (W^T)',
    ]);
    expect(problems('x = 3\ny = switch act { relu => relu(x) }\nobjective y\n')).toEqual([
      '2:12 [y] no option "act" (declare it: option act = a | b)',
    ]);
    expect(problems('option act = relu | tanh\nx = 3\ny = switch act { tanh => tanh(x) }\nobjective y\n')).toEqual([
      '3:5 [y] no case for the default relu of option act (add it, or an else case)',
    ]);
    expect(problems('x = 3\ny = x^2\nobjective y\ncheck grad(x) < 1 within 0.1\n')).toEqual(['4:26 within goes with == only']);
    expect(problems('x = 3\ny = zeros(x)\nobjective y\n')).toEqual(['2:5 [y] zeros(…) takes numbers only: it makes a constant value']);
    expect(problems('x = 3\n')).toEqual(['1:1 no objective: add a line `objective <node>` naming the scalar to differentiate']);
  });
});
