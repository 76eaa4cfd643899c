import { describe, expect, test } from 'vitest';
import { EXERCISE_IDS, EXERCISES, THEMES } from '../../graphs/index';
import { catalogue } from '../../src/ui/compute/exercises';
import { groupExercises, NO_THEME } from '../../src/ui/sidebar/groups';

describe('one exercise registry', () => {
  test('EXERCISES: unique ids, each with a course theme, every theme used', () => {
    expect(new Set(EXERCISE_IDS).size).toBe(EXERCISES.length);
    expect(EXERCISE_IDS).toEqual(EXERCISES.map((e) => e.id));
    for (const e of EXERCISES) expect(THEMES).toContain(e.theme);
    expect(new Set(EXERCISES.map((e) => e.theme))).toEqual(new Set(THEMES));
  });

  test('the sidebar groups the registry by theme, in order of first appearance, unthemed graphs last', () => {
    const list = [...catalogue(), { id: 'mine', title: 'Mine', text: '', options: [], notes: [] }];
    const groups = groupExercises(list);
    const firstSeen = [...new Set(EXERCISES.map((e) => e.theme))];
    expect(groups.map((g) => g.label)).toEqual([...firstSeen, NO_THEME]);
    // Every exercise exactly once, under its own theme, keeping the registry's order inside a group.
    expect(groups.flatMap((g) => g.items.map((e) => e.id)).sort()).toEqual([...EXERCISE_IDS, 'mine'].sort());
    for (const g of groups) {
      const want = g.label === NO_THEME ? ['mine'] : EXERCISES.filter((e) => e.theme === g.label).map((e) => e.id);
      expect(g.items.map((e) => e.id)).toEqual(want);
    }
  });

  test('groups keep first-appearance order across interleaved themes', () => {
    const info = (id: string, theme?: string) => ({ id, title: id, theme, text: '', options: [], notes: [] });
    const groups = groupExercises([info('a', 'T1'), info('b', 'T2'), info('c'), info('d', 'T1'), info('e', 'T2')]);
    expect(groups.map((g) => [g.label, g.items.map((e) => e.id)])).toEqual([
      ['T1', ['a', 'd']],
      ['T2', ['b', 'e']],
      [NO_THEME, ['c']],
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
