import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { EXERCISES } from '../../graphs/index';
import { compile, withValues } from '../../src/core/compile';
import { GraphError } from '../../src/core/errors';
import { resolveOptions } from '../../src/core/options';
import type { GraphSpec, NodeSpec } from '../../src/core/types';
import { gradientLeaves, graphFunction } from '../../src/engine/graphFunction';
import { relativeError } from '../../src/engine/numeric';
import { run } from '../../src/engine/run';

const UNARY = ['tanh', 'sigmoid', 'sin', 'cos', 'square', 'neg', 'relu'] as const;
const BINARY = ['add', 'sub', 'mul'] as const;

/** A random valid graph: vectors of length n, elementwise ops, matmuls, a sum at the end. */
export const validGraph = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    leaves: fc.integer({ min: 1, max: 3 }),
    ops: fc.array(
      fc.record({
        kind: fc.constantFrom('unary', 'binary', 'matmul'),
        op: fc.integer({ min: 0, max: 6 }),
        a: fc.nat(),
        b: fc.nat(),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    values: fc.array(fc.float({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true }), { minLength: 64, maxLength: 64 }),
  })
  .map(({ n, leaves, ops, values }): GraphSpec => {
    let k = 0;
    const take = (len: number) => Array.from({ length: len }, () => Math.fround(values[k++ % values.length] as number));
    const nodes: NodeSpec[] = [];
    const vectors: string[] = [];
    for (let i = 0; i < leaves; i++) {
      nodes.push({ id: `x${i}`, op: 'leaf', value: take(n), role: i === 0 ? 'input' : 'param' });
      vectors.push(`x${i}`);
    }
    ops.forEach((o, i) => {
      const a = vectors[o.a % vectors.length] as string;
      const b = vectors[o.b % vectors.length] as string;
      const id = `v${i}`;
      if (o.kind === 'unary') nodes.push({ id, op: UNARY[o.op % UNARY.length] as string, inputs: [a] });
      else if (o.kind === 'binary') nodes.push({ id, op: BINARY[o.op % BINARY.length] as string, inputs: [a, b] });
      else {
        const w = take(n * n);
        nodes.push({ id: `W${i}`, op: 'leaf', role: 'param', value: Array.from({ length: n }, (_, r) => w.slice(r * n, r * n + n)) });
        nodes.push({ id, op: 'matmul', inputs: [`W${i}`, a] });
      }
      vectors.push(id);
    });
    nodes.push({ id: 'out', op: 'sum', inputs: [vectors.at(-1) as string] });
    return { nodes, objectives: [{ name: 'out', node: 'out' }] };
  });

/** Engine gradients of every leaf equal tf.grads of the same function (float32, tight). */
export function gradientsMatchTfGrads(spec: GraphSpec): void {
  const program = compile(spec);
  const trace = run(program);
  const leaves = gradientLeaves(program, 'out');
  const expected = tf.tidy(() =>
    tf
      .grads(graphFunction(program, 'out', leaves))(
        leaves.map((id) => tf.tensor(program.nodes.get(id)?.value as Float32Array, program.nodes.get(id)?.shape)),
      )
      .map((g) => g.dataSync() as Float32Array),
  );
  leaves.forEach((id, i) => {
    const got = trace.grads.get(id)?.data ?? new Float32Array();
    const err = relativeError(got, expected[i] as Float32Array);
    if (!(err < 1e-4)) throw new Error(`leaf ${id}: engine vs tf.grads relative error ${err}`);
  });
}

/** Either a clean run, or a GraphError whose every problem names a field. Anything else fails. */
export function acceptedOrLocated(thunk: () => unknown): 'accepted' | 'rejected' {
  try {
    thunk();
    return 'accepted';
  } catch (e) {
    if (!(e instanceof GraphError)) throw e;
    for (const p of e.problems) if (!p.field || !p.message) throw new Error(`unlocated problem: ${JSON.stringify(p)}`);
    return 'rejected';
  }
}

const junk = fc.oneof(
  fc.constant(null),
  fc.constant('NaN'),
  fc.constant([]),
  fc.constant({}),
  fc.boolean(),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.array(fc.oneof(fc.double(), fc.constant(null)), { maxLength: 5 }),
  fc.array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
);

const MUTATIONS = [
  'drop-node',
  'rename-input',
  'swap-op',
  'junk-value',
  'junk-attr',
  'duplicate',
  'cycle',
  'junk-field',
  'drop-objective',
] as const;

/** A random one-step corruption of one of the exercise graphs. */
export const mutatedExercise = fc
  .record({ ex: fc.nat(), mut: fc.constantFrom(...MUTATIONS), at: fc.nat(), other: fc.nat(), junk, name: fc.string({ maxLength: 6 }) })
  .map(({ ex, mut, at, other, junk: j, name }) => {
    const exercise = EXERCISES[ex % EXERCISES.length];
    const spec = structuredClone(exercise?.build(resolveOptions(exercise.options)) as GraphSpec);
    const nodes = spec.nodes as (NodeSpec & Record<string, unknown>)[];
    const n = nodes[at % nodes.length] as NodeSpec & Record<string, unknown>;
    const m = nodes[other % nodes.length] as NodeSpec;
    switch (mut) {
      case 'drop-node':
        nodes.splice(at % nodes.length, 1);
        break;
      case 'rename-input':
        if (n.inputs?.length) n.inputs[other % n.inputs.length] = name || 'missing';
        break;
      case 'swap-op':
        n.op = ['add', 'matmul', 'softmax', 'sum', 'leaf', 'dot', 'transpose', name][other % 8] as string;
        break;
      case 'junk-value':
        n.value = j as never;
        break;
      case 'junk-attr':
        n.attrs = { axis: j, p: j, by: j, shape: j, index: j } as never;
        break;
      case 'duplicate':
        nodes.push({ ...m });
        break;
      case 'cycle':
        if (n.inputs?.length) n.inputs[0] = m.id;
        break;
      case 'junk-field':
        n[name || 'extra'] = j;
        break;
      case 'drop-objective':
        spec.objectives = [{ name: 'o', node: name || 'nowhere' }];
        break;
    }
    return spec;
  });

/** Random `--inputs`: junk or reshaped values for random ids of an exercise. */
export const randomInputs = fc
  .record({
    ex: fc.nat(),
    ids: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    values: fc.array(junk, { minLength: 3, maxLength: 3 }),
    stray: fc.boolean(),
  })
  .map(({ ex, ids, values, stray }) => {
    const exercise = EXERCISES[ex % EXERCISES.length];
    const spec = exercise?.build(resolveOptions(exercise.options)) as GraphSpec;
    const leafIds = spec.nodes.filter((n) => n.op === 'leaf').map((n) => n.id);
    const inputs: Record<string, unknown> = {};
    ids.forEach((i, k) => {
      inputs[leafIds[i % leafIds.length] as string] = values[k];
    });
    if (stray) inputs.not_a_node = 1;
    return { spec, inputs };
  });

export const runSpec = (spec: unknown) => () => run(compile(spec));
export const runWithInputs =
  ({ spec, inputs }: { spec: GraphSpec; inputs: Record<string, unknown> }) =>
  () =>
    run(compile(withValues(spec, inputs)));
