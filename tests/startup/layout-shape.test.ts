import { describe, expect, test } from 'vitest';
import { EXERCISES } from '../../graphs/index';
import { buildStructure } from '../../src/ui/canvas/flow';
import { layoutStructure, shapeMatters } from '../../src/ui/canvas/layout';
import { defaultFolds } from '../../src/ui/store/folds';
import { exercise, objectiveOf, synthetic } from '../canvas/helpers';

/**
 * A layout made before the run (for the canvas as it was then) is reused once the run is in
 * only when the canvas's shape cannot change it: shapeMatters must say so exactly.
 */

const SHAPES = [{}, { aspect: 0.5, width: 400 }, { aspect: 3, width: 2400 }, { aspect: 1.25, width: 750 }];

const structureOf = (g: ReturnType<typeof exercise>) => buildStructure(g, objectiveOf(g), defaultFolds(g));

/** The exercises whose layout the canvas's shape cannot change, by shapeMatters. */
const SHAPE_FREE = EXERCISES.map((e) => e.id).filter((id) => !shapeMatters(structureOf(exercise(id))));

describe('shapeMatters', () => {
  test.each(SHAPE_FREE.map((id) => [id] as const))('%s: it says no, and every canvas shape gets the same layout', async (id) => {
    const s = structureOf(exercise(id));
    const [first, ...rest] = await Promise.all(SHAPES.map((shape) => layoutStructure(s, shape)));
    for (const other of rest) expect(other).toEqual(first);
  });

  test('the first exercise is shape-free (its layout made before the run is the one drawn)', () => {
    expect(SHAPE_FREE).toContain('ex01-scalar-chain-rule');
  });

  test('a long chain: it matters, and a narrow canvas wraps it where a wide one does not', async () => {
    const s = structureOf(synthetic('chain', 100));
    expect(shapeMatters(s)).toBe(true);
    const narrow = await layoutStructure(s, { aspect: 0.5, width: 400 });
    const wide = await layoutStructure(s, { aspect: 3, width: 2400 });
    expect((narrow.rows ?? []).length).toBeGreaterThan((wide.rows ?? []).length);
  });
});
