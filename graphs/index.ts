import type { Exercise } from '../src/engine/exercise';
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

/** The course themes the sidebar groups by (it lists them in order of first appearance). */
export const THEMES = ['Chain rule', 'Backprop through networks', 'Attention and fine-tuning', 'Discrete and stochastic nodes'] as const;

export type Theme = (typeof THEMES)[number];

/**
 * The one exercise registry: every bundled exercise, in notebook order, with the course theme it
 * belongs to. The CLI, the explorer's sidebar (through the worker's catalogue), the stories and
 * the tests all read this list; adding an exercise is its module and one line here.
 * Ids are stable: deep links, embeds and story ids use them.
 */
const ENTRIES: readonly (readonly [Exercise, Theme])[] = [
  [ex01, 'Chain rule'],
  [ex02, 'Chain rule'],
  [ex03, 'Backprop through networks'],
  [ex04, 'Backprop through networks'],
  [ex05, 'Backprop through networks'],
  [ex06, 'Attention and fine-tuning'],
  [ex07, 'Attention and fine-tuning'],
  [ex08Reinforce, 'Discrete and stochastic nodes'],
  [ex08Ste, 'Discrete and stochastic nodes'],
  [ex09, 'Backprop through networks'],
  [ex10, 'Attention and fine-tuning'],
];

/** Every exercise, in the registry's order, with its theme: what the CLI, the UI and the stories list. */
export const EXERCISES: readonly Exercise[] = ENTRIES.map(([ex, theme]) => ({ ...ex, theme }));

/** A bundled exercise's id (checked against this registry at run time: tests/compare/presets.test.ts, findExercise). */
export type ExerciseId = string;

export const EXERCISE_IDS: readonly ExerciseId[] = EXERCISES.map((e) => e.id);

for (const [i, id] of EXERCISE_IDS.entries()) {
  if (EXERCISE_IDS.indexOf(id) !== i) throw new Error(`graphs/index.ts lists exercise "${id}" twice`);
}

export function findExercise(id: string): Exercise | undefined {
  return EXERCISES.find((e) => e.id === id);
}

export const isExerciseId = (id: string): boolean => EXERCISE_IDS.includes(id);
