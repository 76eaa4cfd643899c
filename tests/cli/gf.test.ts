import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGf } from '../../src/lang/parse';
import { MICRO } from '../lang/micro';
import { cli, scratchFiles } from './helpers';

const file = scratchFiles('gradflow-gf-');

describe('gradflow CLI with .gf files', () => {
  it('run: values, gradients and the declarative checks', async () => {
    const r = await cli('run', file('micro.gf', MICRO), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.values.y).toBe(-20);
    expect(j.grads.x).toBe(46);
    expect(j.checks).toEqual([{ name: 'dy/dx = 46', pass: true, got: 46, expected: 46 }]);
  });

  it('run exits 1 when a check fails', async () => {
    const r = await cli('run', file('fail.gf', MICRO.replace('== 46', '== 45')));
    expect(r.code).toBe(1);
    expect(r.out).toContain('FAIL - dy/dx = 46');
  });

  it('check, trace and gradcheck accept .gf', async () => {
    const p = file('micro2.gf', MICRO);
    const c = await cli('check', p);
    expect(c.code).toBe(0);
    expect(c.out).toMatch(/^ok: custom — 13 nodes, objectives y$/);
    const t = await cli('trace', p, '--json');
    const steps = JSON.parse(t.out).steps as { node: string; phase: string }[];
    expect(steps.filter((s) => s.phase === 'forward').map((s) => s.node)).toContain('z.scale');
    const g = await cli('gradcheck', p);
    expect(g.code).toBe(0);
    expect(g.out.trim().split('\n').at(-1)).toBe('PASS');
  });

  it('a syntax error: file:line:col and exit 2, in every command', async () => {
    const p = file('syntax.gf', 'x = 3\ny = relu(x\nobjective y\n');
    for (const cmd of ['check', 'run', 'trace', 'gradcheck', 'fmt']) {
      const r = await cli(cmd, p);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`${p}:3:1: unexpected "objective" in the arguments of a call`);
    }
    const c = await cli('convert', p, '--to', 'json');
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/syntax\.gf:3:1: /);
  });

  it('semantic and engine errors are located too (the node named)', async () => {
    const a = await cli('check', file('op.gf', 'x = 3\ny = rleu(x)\nobjective y\n'));
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/op\.gf:2:5: node "y", field "op": unknown op "rleu" \(did you mean "relu"\?\)$/);
    // a wrong arity, inside an expression: the intermediate node, at its call; fmt and convert refuse too
    const ar = file('arity.gf', 'x = 3\nz = matmul(x) + x\nobjective z\n');
    for (const cmd of ['check', 'run', 'fmt']) {
      const r = await cli(cmd, ar);
      expect(r.code, cmd).toBe(2);
      expect(r.err, cmd).toBe(`${ar}:2:5: node "z.matmul", field "inputs": matmul takes 2 inputs (A, B), got 1`);
    }
    const conv = await cli('convert', file('typo.gf', 'x = 3\ny = x + sqaure(x)\nobjective y\n'), '--to', 'json');
    expect(conv.code).toBe(2);
    expect(conv.err).toMatch(/typo\.gf:2:9: node "y\.sqaure", field "op": unknown op "sqaure" \(did you mean "square"\?\)$/);
    // an op in a case the default does not choose
    const sw = await cli(
      'check',
      file('case.gf', 'option act = relu | tanh\nx = 3\ny = switch act { relu => relu(x), tanh => tahn(x) }\nobjective y\n'),
    );
    expect(sw.code).toBe(2);
    expect(sw.err).toMatch(/case\.gf:3:43: node "y", field "by\.cases\.tanh\.op": unknown op "tahn" \(did you mean "tanh"\?\)$/);
    const b = await cli('check', file('shape.gf', 'W = [[1, 2], [3, 4], [5, 6]]\nx = [1, 2, 3]\ny = sum(W @ x)\nobjective y\n'));
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/shape\.gf:3:9: node "y\.matmul", field "inputs\[1\]": .*inner dimensions differ/);
  });

  it('fmt prints canonical text; --write rewrites the file; fmt is idempotent', async () => {
    const p = file('messy.gf', '# top\nx=-4 # x\nz=2*x+2+x\nloss   =  (z)^2{label:"L"}\nobjective loss\n');
    const r = await cli('fmt', p);
    expect(r.code).toBe(0);
    expect(r.out).toBe('# top\nx = -4  # x\nz = 2 * x + 2 + x\nloss = z^2 { label: "L" }\n\nobjective loss');
    expect(readFileSync(p, 'utf8')).toContain('x=-4');
    expect((await cli('fmt', p, '--write')).code).toBe(0);
    expect(readFileSync(p, 'utf8')).toBe(`${r.out}\n`);
    expect((await cli('fmt', p)).out).toBe(r.out);
  });

  it('convert: gf → json → gf gives the same graph; an exercise converts at its options', async () => {
    const g = file('conv.gf', MICRO);
    const j = await cli('convert', g, '--to', 'json');
    expect(j.code).toBe(0);
    const spec = JSON.parse(j.out);
    expect(spec).toEqual(parseGf(MICRO).spec);
    const back = await cli('convert', file('conv.json', j.out), '--to', 'gf');
    expect(parseGf(back.out).spec).toEqual(spec);
    const ex = await cli('convert', 'ex04-vanishing-gradients', '--to', 'gf', '--option', 'activation=relu');
    expect(ex.code).toBe(0);
    expect(ex.out).toMatch(/= relu\(/);
    expect(ex.out).not.toMatch(/= sigmoid\(/);
    const bad = await cli('convert', g, '--to', 'yaml');
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('graph, field "--to": expected gf or json, got "yaml"');
  });
});
