import type { Exercise } from '../src/engine/exercise';
import { ex03 } from './ex03-two-layer-backprop';

/** Every exercise, in notebook order. Ids are stable: deep links and embeds use them. */
export const EXERCISES: readonly Exercise[] = [ex03];

export function findExercise(id: string): Exercise | undefined {
  return EXERCISES.find((e) => e.id === id);
}
