import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cli, scratchFiles } from './helpers';

const file = scratchFiles('gradflow-cli-');

describe('gradflow CLI', () => {
  it('list prints ids and titles', async () => {
    const r = await cli('list');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ex03-two-layer-backprop\s+Ex 3/m);
  });

  it('run --json reports the notebook values for ex03', async () => {
    const r = await cli('run', 'ex03-two-layer-backprop', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j).slice(0, 5)).toEqual(['graph', 'objective', 'values', 'grads', 'checks']);
    expect(j.graph).toBe('ex03-two-layer-backprop');
    expect(j.objective).toBe('loss');
    expect(j.values.loss).toBeCloseTo(0.0722, 6);
    const W1 = [
      [-0.152, -0.304],
      [-0.228, -0.456],
      [0.076, 0.152],
    ];
    for (const [i, row] of W1.entries()) for (const [k, v] of row.entries()) expect(j.grads.W1[i][k]).toBeCloseTo(v, 6);
    for (const [i, v] of [-0.266, -0.304, -0.266].entries()) expect(j.grads.w2[i]).toBeCloseTo(v, 6);
    expect(j.grads.y).toBeUndefined(); // y is a constant target: no gradient
    expect(j.checks.every((c: { pass: boolean }) => c.pass)).toBe(true);
    expect(j.training.runs[0].losses).toHaveLength(101);
  });

  it('run --inputs / --set replace values and shapes; gradients follow', async () => {
    const inputs = file(
      'in.json',
      JSON.stringify({
        x: [2, -1],
        W1: [
          [1, 1],
          [1, -1],
          [0.5, 0.5],
          [-1, 2],
        ],
        b1: [0, 0, 0, 0],
      }),
    );
    const r = await cli('run', 'ex03-two-layer-backprop', '--inputs', inputs, '--set', 'w2=[1,2,3,4]', '--set', 'y=0', '--json');
    const j = JSON.parse(r.out);
    // z1 = [1, 3, 0.5, -4]; a1 = [1, 3, 0.5, 0]; yhat = 1 + 6 + 1.5 = 8.5; loss = ½·8.5²
    expect(j.values.z1).toEqual([1, 3, 0.5, -4]);
    expect(j.values.loss).toBeCloseTo(36.125, 4);
    expect(j.grads.w2).toEqual([8.5, 25.5, 4.25, 0]);
    expect(j.grads.W1[3]).toEqual([0, 0]); // relu blocked
    expect(j.grads.W1[0]).toEqual([17, -8.5]);
  });

  it('exits 1 when a check fails', async () => {
    // With ŷ = y = 0 from the start there is nothing to learn: "(d) Loss decreases" must fail.
    const r1 = await cli('run', 'ex03-two-layer-backprop', '--set', 'w2=[0,0,0]', '--set', 'y=0', '--json');
    expect(r1.code).toBe(1);
    const failed = JSON.parse(r1.out).checks.filter((c: { pass: boolean }) => !c.pass);
    expect(failed.map((c: { name: string }) => c.name)).toEqual(['(d) Loss decreases']);
  });

  it('runs a GraphSpec file with no checks: exit 0', async () => {
    const ok = file(
      'ok.json',
      JSON.stringify({
        nodes: [
          { id: 'x', op: 'leaf', value: 3 },
          { id: 'y', op: 'square', inputs: ['x'] },
        ],
        objectives: [{ name: 'y', node: 'y' }],
      }),
    );
    const r = await cli('run', ok, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).grads.x).toBe(6);
  });

  it.each([
    [
      'unknown input',
      {
        nodes: [
          { id: 'a', op: 'leaf', value: 1 },
          { id: 'b', op: 'exp', inputs: ['zz'] },
        ],
        objectives: [{ name: 'o', node: 'b' }],
      },
      'node "b", field "inputs[0]": unknown input "zz"',
    ],
    [
      'unknown op',
      {
        nodes: [
          { id: 'a', op: 'leaf', value: 1 },
          { id: 'b', op: 'nope', inputs: ['a'] },
        ],
        objectives: [{ name: 'o', node: 'b' }],
      },
      'node "b", field "op": unknown op "nope"',
    ],
    [
      'shape mismatch',
      {
        nodes: [
          { id: 'A', op: 'leaf', value: [[1, 2]] },
          { id: 'B', op: 'leaf', value: [[1, 2]] },
          { id: 'C', op: 'matmul', inputs: ['A', 'B'] },
          { id: 'o', op: 'sum', inputs: ['C'] },
        ],
        objectives: [{ name: 'o', node: 'o' }],
      },
      'node "C", field "inputs[1]"',
    ],
  ])('check exits 2 with a located message: %s', async (_n, graph, message) => {
    const r = await cli('check', file(`${_n}.json`, JSON.stringify(graph)));
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it('bad files and flags exit 2 with clear messages', async () => {
    expect((await cli('check', file('bad.json', '{"nodes": ['))).err).toMatch(/field "<graph>": .* is not valid JSON/);
    expect((await cli('check', file('empty.json', ''))).err).toMatch(/is empty/);
    expect((await cli('check', file('arr.json', '[1,2]'))).err).toMatch(/expected a JSON object/);
    expect((await cli('check', 'no-such-graph')).err).toMatch(/unknown graph id "no-such-graph"/);
    expect((await cli('run', 'ex03-two-layer-backprop', '--set', 'zz=1')).err).toContain(
      'node "zz", field "inputs": no node "zz" in this graph',
    );
    expect((await cli('run', 'ex03-two-layer-backprop', '--set', 'x=[1,NaN]')).err).toContain('node "x", field "--set"');
    expect((await cli('run', 'ex03-two-layer-backprop', '--set', 'x=[1,2,3]')).err).toContain('node "W1x", field "inputs[1]"');
    expect((await cli('run', 'ex03-two-layer-backprop', '--option', 'foo=1')).err).toContain('field "options.foo"');
    expect((await cli('run', 'ex03-two-layer-backprop', '--objective', 'nope')).err).toContain('unknown objective "nope"');
    expect((await cli('run', 'ex03-two-layer-backprop', '--seed', '-4')).err).toContain('field "--seed"');
    expect((await cli('frobnicate')).code).toBe(2);
  });

  it('trace lists steps with phase, node, op and norm', async () => {
    const r = await cli('trace', 'ex03-two-layer-backprop', '--json');
    const steps = JSON.parse(r.out).steps;
    expect(steps).toHaveLength(13);
    expect(steps[6]).toMatchObject({ index: 6, phase: 'seed', node: 'loss', norm: 1 });
    expect(steps[12]).toMatchObject({ phase: 'backward', node: 'W1x', op: 'matmul', shape: '[3]', inputs: ['[3×2]', '[2]'] });
  });

  it('as a process: real exit code 2 and no stack trace', () => {
    const bad = file('proc.json', JSON.stringify({ nodes: [{ id: 'a', op: 'leaf', value: 1 }], objectives: [{ name: 'o', node: 'q' }] }));
    const r = spawnSync('node_modules/.bin/tsx', ['src/cli/main.ts', 'check', bad], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('graph, field "objectives[0].node": objective "o" names no node "q"');
    const ok = execFileSync('node_modules/.bin/tsx', ['src/cli/main.ts', 'list'], { encoding: 'utf8' });
    expect(ok).toContain('ex03-two-layer-backprop');
  });
});

describe('gradflow gradcheck', () => {
  it('passes every built-in graph and reports per node and leaf', async () => {
    const r = await cli('gradcheck', 'ex06-attention-backward', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.pass).toBe(true);
    expect(j.nodes.map((n: { node: string }) => n.node)).toEqual(['S', 'P', 'O', 'loss']);
    expect(j.leaves.map((n: { node: string }) => n.node).sort()).toEqual(['K', 'Q', 'V']);
    for (const n of j.nodes) expect(n.vsTfGrads).toBeLessThan(1e-4);
  });

  it('skips estimator nodes honestly', async () => {
    const j = JSON.parse((await cli('gradcheck', 'ex08-ste', '--json')).out);
    expect(j.nodes.find((n: { op: string }) => n.op === 'round_ste')).toMatchObject({ skipped: 'estimator', pass: null });
  });
});
