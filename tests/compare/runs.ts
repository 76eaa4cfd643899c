import { findExercise } from '../../graphs/index';
import type { OptionValue } from '../../src/core/types';
import { computeDeferred, computeRun } from '../../src/ui/compute/exercises';
import type { RunResult } from '../../src/ui/compute/protocol';

/**
 * A real engine run of a bundled exercise, as the worker returns it to the UI, with the
 * lesson's deferred checks merged in (what the UI shows once the second delivery is in).
 */
export function run(id: string, options: Record<string, OptionValue> = {}): RunResult {
  const ex = findExercise(id);
  if (!ex) throw new Error(`no exercise ${id}`);
  const req = { source: { kind: 'exercise', id } as const, options };
  const first = computeRun(ex, req, 'cpu');
  if (!first.deferred) return first;
  const later = computeDeferred(ex, req);
  return { ...first, checks: [...first.checks, ...later.checks], blocks: { ...first.blocks, ...later.blocks } };
}
