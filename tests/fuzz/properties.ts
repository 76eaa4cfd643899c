import fc from 'fast-check';
import { EXERCISES } from '../../graphs/index';
import { compile, withValues } from '../../src/core/compile';
import { GraphError } from '../../src/core/errors';
import { resolveOptions } from '../../src/core/options';
import type { GraphSpec, NodeSpec } from '../../src/core/types';
import { run } from '../../src/engine/run';

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
