/**
 * The exercise registry as plain data: every bundled exercise's id, in notebook order, with the
 * course theme it belongs to. No imports, so stories and the UI shell can read it without tfjs;
 * graphs/index.ts attaches each exercise to its entry and refuses a mismatch.
 * Ids are stable: deep links, embeds and story ids use them.
 */
export const THEMES = ['Chain rule', 'Backprop through networks', 'Attention and fine-tuning', 'Discrete and stochastic nodes'] as const;

export type Theme = (typeof THEMES)[number];

export const CATALOGUE = [
  { id: 'ex01-scalar-chain-rule', theme: 'Chain rule' },
  { id: 'ex02-jacobian-composition', theme: 'Chain rule' },
  { id: 'ex03-two-layer-backprop', theme: 'Backprop through networks' },
  { id: 'ex04-vanishing-gradients', theme: 'Backprop through networks' },
  { id: 'ex05-gradient-checkpointing', theme: 'Backprop through networks' },
  { id: 'ex06-attention-backward', theme: 'Attention and fine-tuning' },
  { id: 'ex07-lora-gradients', theme: 'Attention and fine-tuning' },
  { id: 'ex08-reinforce', theme: 'Discrete and stochastic nodes' },
  { id: 'ex08-ste', theme: 'Discrete and stochastic nodes' },
  { id: 'ex09-residual-flow', theme: 'Backprop through networks' },
  { id: 'ex10-attention-scores', theme: 'Attention and fine-tuning' },
] as const satisfies readonly { id: string; theme: Theme }[];

export type ExerciseId = (typeof CATALOGUE)[number]['id'];

export const EXERCISE_IDS: readonly ExerciseId[] = CATALOGUE.map((c) => c.id);
