import type { ExerciseInfo } from '../compute/protocol';

/** Where an exercise without a theme is listed. */
export const NO_THEME = 'More graphs';

/** Exercises grouped by their `theme`, themes in order of first appearance, unthemed ones last. */
export function groupExercises(list: readonly ExerciseInfo[]): { label: string; items: ExerciseInfo[] }[] {
  const groups = new Map<string, ExerciseInfo[]>();
  for (const e of list) {
    const label = e.theme ?? NO_THEME;
    groups.set(label, [...(groups.get(label) ?? []), e]);
  }
  const rest = groups.get(NO_THEME);
  groups.delete(NO_THEME);
  const out = [...groups].map(([label, items]) => ({ label, items }));
  return rest ? [...out, { label: NO_THEME, items: rest }] : out;
}
