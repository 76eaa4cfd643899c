import type { Step } from '../../engine/trace';

/**
 * Where the cursor goes when the trace under it is replaced by another of the same graph (an
 * option, the objective, the seed or a value changed): the same *moment*, not the same number.
 * "Nothing done" and "everything done" stay so; otherwise the step just done is found again by
 * its node and phase (the k-th such step stays the k-th, or the last one there is). A step whose
 * node no longer runs keeps the nearest earlier step that still does.
 */
export function carryCursor(before: readonly Step[], cursor: number, after: readonly Step[]): number {
  const c = Math.max(0, Math.min(before.length, Math.floor(cursor)));
  if (c === 0) return 0;
  if (c === before.length) return after.length;
  for (let i = c - 1; i >= 0; i--) {
    const at = findSame(before, i, after);
    if (at !== null) return at + 1;
  }
  return 0;
}

/** Index in `after` of the step that plays the part `before[i]` played, or null. */
function findSame(before: readonly Step[], i: number, after: readonly Step[]): number | null {
  const step = before[i] as Step;
  const same = (s: Step) => s.node === step.node && s.phase === step.phase;
  let k = 0;
  for (let j = 0; j < i; j++) if (same(before[j] as Step)) k++;
  let last: number | null = null;
  let seen = 0;
  for (let j = 0; j < after.length; j++) {
    if (!same(after[j] as Step)) continue;
    if (seen === k) return j;
    last = j;
    seen++;
  }
  return last;
}
