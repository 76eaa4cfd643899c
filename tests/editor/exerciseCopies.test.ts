import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { EXERCISES } from '../../graphs/index';
import { exerciseFromSpec, runExercise } from '../../src/engine/exercise';
import { parseGf, printGf } from '../../src/lang';
import { computeRun } from '../../src/ui/compute/exercises';
import { editableSpec } from '../../src/ui/editor/editableSpec';

/** Each option at its default, then each other value of each option on its own. */
function optionSets(ex: (typeof EXERCISES)[number]): Record<string, unknown>[] {
  const sets: Record<string, unknown>[] = [{}];
  for (const o of ex.options) for (const v of o.values) if (v !== o.default) sets.push({ [o.name]: v });
  return sets;
}

describe('"Edit this graph" for every bundled exercise, at its current options', () => {
  for (const ex of EXERCISES) {
    test(`${ex.id}: the printed copy parses back to the spec the engine ran and computes the same gradients`, () => {
      for (const options of optionSets(ex)) {
        const source = { kind: 'exercise', id: ex.id } as const;
        const run = computeRun(ex, { source, options, seed: 0 }, 'cpu');
        const copy = editableSpec({ run, source });
        if (!copy) throw new Error('no copy');
        expect(copy.copyOf).toBe(ex.title);
        expect(copy.spec.id).toBe(`${ex.id}-copy`);
        // the options are resolved into the nodes: the copy declares none and switches nothing
        expect(copy.spec.options).toBeUndefined();
        expect(copy.spec.nodes.some((n) => n.by !== undefined)).toBe(false);
        // a graph without options keeps its tracks; a track that switches options stays with the exercise
        if (ex.options.length === 0) expect(copy.spec.tracks).toEqual(run.spec.tracks);
        for (const t of copy.spec.tracks ?? []) expect(t.stops.some((st) => st.set !== undefined)).toBe(false);
        const text = printGf(copy.spec);
        const parsed = parseGf(text);
        expect(parsed.problems).toEqual([]);
        expect(parsed.spec).toEqual(copy.spec);
        // the copy, run as a user's graph, gives the exercise's trace: every value and gradient
        const before = tf.memory().numTensors;
        const mine = runExercise(exerciseFromSpec(parsed.spec as NonNullable<typeof parsed.spec>), { seed: 0 });
        expect(tf.memory().numTensors).toBe(before);
        expect(mine.trace.objectiveNode).toBe(run.trace.objectiveNode);
        for (const [id, g] of run.trace.grads)
          expect([...(mine.trace.grads.get(id)?.data ?? [])], `${ex.id} ${JSON.stringify(options)} ∂/∂${id}`).toEqual([...g.data]);
        for (const [id, v] of run.trace.values)
          expect([...(mine.trace.values.get(id)?.data ?? [])], `${ex.id} value ${id}`).toEqual([...v.data]);
      }
    });
  }
});
