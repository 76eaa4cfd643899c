import type { Phase, Step } from '../../engine/trace';

/**
 * How one scrubber drives two traces of the same graph under different options (pane A's steps
 * are the scrubber's; pane B follows). The rule:
 * - cursor 0 (nothing done) is 0 in B; the end of A (every step done) is the end of B;
 * - otherwise A's step just done is found in B by node id and phase: the k-th step of A with that
 *   node and phase maps to the k-th such step of B (a recompute of z₄ is matched to the same
 *   recompute, the forward of a node to its forward);
 * - a step with no counterpart in B (a recompute B never does, a node only A has, a k-th
 *   occurrence B lacks) keeps B at the counterpart of the nearest preceding step of A that has
 *   one (0 when none has), and is reported as "no counterpart".
 * Steps only B has are never the cursor's: B shows them done once A passes the next aligned step.
 */
export interface Alignment {
  /** Steps of A (the scrubber's length). */
  readonly length: number;
  /** B's cursor for A's cursor `c` (clamped to 0…length). */
  cursorOf(c: number): number;
  /** A's step just done at `c` has its own counterpart in B (always true at 0 and at the end). */
  hasCounterpart(c: number): boolean;
}

type Key = `${Phase}:${string}`;
const keyOf = (s: Pick<Step, 'phase' | 'node'>): Key => `${s.phase}:${s.node}`;

/** The alignment of every cursor of `a` with `b`, computed once (linear in the two step lists). */
export function alignSteps(a: readonly Pick<Step, 'phase' | 'node'>[], b: readonly Pick<Step, 'phase' | 'node'>[]): Alignment {
  const inB = new Map<Key, number[]>();
  b.forEach((s, j) => {
    const k = keyOf(s);
    const list = inB.get(k);
    if (list) list.push(j);
    else inB.set(k, [j]);
  });
  const n = a.length;
  const cursors = new Int32Array(n + 1);
  const exact = new Uint8Array(n + 1);
  exact[0] = 1;
  const seen = new Map<Key, number>();
  let carried = 0;
  for (let i = 0; i < n; i++) {
    const k = keyOf(a[i] as Step);
    const occurrence = seen.get(k) ?? 0;
    seen.set(k, occurrence + 1);
    const j = inB.get(k)?.[occurrence];
    if (j !== undefined) {
      carried = j + 1;
      exact[i + 1] = 1;
    }
    cursors[i + 1] = carried;
  }
  if (n > 0) {
    cursors[n] = b.length;
    exact[n] = 1;
  }
  const clamp = (c: number) => Math.max(0, Math.min(n, Math.floor(c)));
  return {
    length: n,
    cursorOf: (c) => cursors[clamp(c)] as number,
    hasCounterpart: (c) => exact[clamp(c)] === 1,
  };
}
