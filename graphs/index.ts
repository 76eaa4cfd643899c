import type { Exercise } from '../src/engine/exercise';
import { CATALOGUE, type ExerciseId } from './catalogue';
import { ex01 } from './ex01-scalar-chain-rule';
import { ex02 } from './ex02-jacobian-composition';
import { ex03 } from './ex03-two-layer-backprop';
import { ex04 } from './ex04-vanishing-gradients';
import { ex05 } from './ex05-gradient-checkpointing';
import { ex06 } from './ex06-attention-backward';
import { ex07 } from './ex07-lora-gradients';
import { ex08Reinforce } from './ex08-reinforce';
import { ex08Ste } from './ex08-ste';
import { ex09 } from './ex09-residual-flow';
import { ex10 } from './ex10-attention-scores';

export { CATALOGUE, EXERCISE_IDS, type ExerciseId, THEMES, type Theme } from './catalogue';

const MODULES: readonly Exercise[] = [ex01, ex02, ex03, ex04, ex05, ex06, ex07, ex08Reinforce, ex08Ste, ex09, ex10];

/** Every exercise, in the catalogue's order, with its theme: what the CLI, the UI and the stories list. */
export const EXERCISES: readonly Exercise[] = CATALOGUE.map(({ id, theme }) => {
  const ex = MODULES.find((m) => m.id === id);
  if (!ex) throw new Error(`graphs/catalogue.ts lists "${id}" but no graph module defines it`);
  return { ...ex, theme };
});

for (const m of MODULES) {
  if (!CATALOGUE.some((c) => c.id === m.id)) throw new Error(`exercise "${m.id}" is missing from graphs/catalogue.ts`);
}

export function findExercise(id: string): Exercise | undefined {
  return EXERCISES.find((e) => e.id === id);
}

export const isExerciseId = (id: string): id is ExerciseId => CATALOGUE.some((c) => c.id === id);
