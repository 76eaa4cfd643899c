/**
 * A trailing write for changes that come in runs (steps, playback): `write` runs once the
 * changes have stopped for `delayMs`, and at least every `maxWaitMs` while they keep coming.
 * Used for the address bar: history.replaceState is a same-document navigation that costs the
 * renderer milliseconds (about 15 ms per call with a 2,000-node graph in the fragment), so it is
 * kept out of the frames of a run of steps.
 */
export interface Trailing {
  /** A change happened: (re)start the wait. */
  schedule(): void;
  /** Drop a pending write. */
  cancel(): void;
}

/** The address bar's timing (useUrlSync, useFragmentSync): the quiet time before a write, the longest a changing view goes unwritten. */
export const URL_WRITE_DELAY_MS = 300;
export const MAX_WAIT_MS = 1000;

export function trailing(write: () => void, delayMs: number, maxWaitMs = MAX_WAIT_MS): Trailing {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pendingSince = 0;
  const fire = () => {
    timer = null;
    write();
  };
  return {
    schedule() {
      const now = performance.now();
      if (timer) clearTimeout(timer);
      else pendingSince = now;
      timer = setTimeout(fire, Math.max(0, Math.min(delayMs, pendingSince + maxWaitMs - now)));
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
