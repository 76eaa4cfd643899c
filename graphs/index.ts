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

/** Every exercise, in notebook order. Ids are stable: deep links and embeds use them. */
export const EXERCISES: readonly Exercise[] = [ex01, ex02, ex03, ex04, ex05, ex06, ex07, ex08Reinforce, ex08Ste, ex09, ex10];

export function findExercise(id: string): Exercise | undefined {
  return EXERCISES.find((e) => e.id === id);
}
