import { findExercise } from '../../graphs/index';
import type { OptionValue } from '../../src/core/types';
import { computeRun } from '../../src/ui/compute/exercises';
import type { RunResult } from '../../src/ui/compute/protocol';

/** A real engine run of a bundled exercise, as the worker returns it to the UI. */
export function run(id: string, options: Record<string, OptionValue> = {}): RunResult {
  const ex = findExercise(id);
  if (!ex) throw new Error(`no exercise ${id}`);
  return computeRun(ex, { source: { kind: 'exercise', id }, options }, 'cpu');
}
