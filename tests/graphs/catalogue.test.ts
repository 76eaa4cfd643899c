import { describe, expect, test } from 'vitest';
import { CATALOGUE, EXERCISE_IDS, EXERCISES, THEMES } from '../../graphs/index';
import { catalogue } from '../../src/ui/compute/exercises';
import { groupExercises, NO_THEME } from '../../src/ui/sidebar/groups';

describe('one exercise registry', () => {
  test('EXERCISES follows the catalogue: same ids, same order, each with its theme', () => {
    expect(EXERCISES.map((e) => [e.id, e.theme])).toEqual(CATALOGUE.map((c) => [c.id, c.theme]));
    expect(EXERCISE_IDS).toEqual(EXERCISES.map((e) => e.id));
    for (const e of EXERCISES) expect(THEMES).toContain(e.theme);
  });

  test('the sidebar groups by theme, in theme order, unthemed graphs last', () => {
    const groups = groupExercises([...catalogue(), { id: 'mine', title: 'Mine', text: '', options: [], notes: [] }]);
    expect(groups.map((g) => g.label)).toEqual([...THEMES, NO_THEME]);
    expect(groups.map((g) => g.items.map((e) => e.id))).toEqual([
      ['ex01-scalar-chain-rule', 'ex02-jacobian-composition'],
      ['ex03-two-layer-backprop', 'ex04-vanishing-gradients', 'ex05-gradient-checkpointing', 'ex09-residual-flow'],
      ['ex06-attention-backward', 'ex07-lora-gradients', 'ex10-attention-scores'],
      ['ex08-reinforce', 'ex08-ste'],
      ['mine'],
    ]);
  });

  test('a theme the sidebar has never seen is a group of its own; no id decides it', () => {
    const groups = groupExercises([
      { id: 'ex01-scalar-chain-rule', title: 'a', theme: 'Optimisers', text: '', options: [], notes: [] },
      { id: 'x', title: 'b', theme: 'Chain rule', text: '', options: [], notes: [] },
    ]);
    expect(groups.map((g) => [g.label, g.items.map((e) => e.id)])).toEqual([
      ['Optimisers', ['ex01-scalar-chain-rule']],
      ['Chain rule', ['x']],
    ]);
  });
});
