/** What the player needs of the explorer's store. */
export interface PlaybackStore {
  getState(): { playing: boolean; speed: number; tick(): void };
  subscribe(listener: (s: { playing: boolean; speed: number }) => void): () => void;
}

/** Time and one-shot timers (the browser's by default; a test brings its own). */
export interface Clock {
  now(): number;
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(t: unknown): void;
}

const browserClock: Clock = {
  now: () => performance.now(),
  setTimeout: (f, ms) => setTimeout(f, ms),
  clearTimeout: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
};

/**
 * Advances the store while it is playing, `speed` steps per second; returns the stop function.
 * Ticks keep to a schedule: the next is due one interval after the last was *due* (not after the
 * last step finished drawing), so the rate holds at `speed` while steps draw within the period.
 * A step that takes longer than the period queues nothing: at most one timer is ever pending,
 * and once a whole interval behind the schedule restarts from now (no burst of catch-up steps).
 */
export function startPlayback(store: PlaybackStore, clock: Clock = browserClock): () => void {
  let timer: unknown = null;
  let due = 0;
  const arm = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = store.getState().playing ? clock.setTimeout(tick, Math.max(0, due - clock.now())) : null;
  };
  const start = () => {
    due = clock.now() + 1000 / store.getState().speed;
    arm();
  };
  const tick = () => {
    timer = null;
    const interval = 1000 / store.getState().speed;
    store.getState().tick();
    due += interval;
    // Behind by a whole interval (a slow step, a sleeping tab): carry on from now.
    if (due <= clock.now()) due = clock.now() + interval;
    arm();
  };
  let prev = store.getState();
  const unsubscribe = store.subscribe((s) => {
    if (s.playing !== prev.playing || s.speed !== prev.speed) start();
    prev = { ...prev, playing: s.playing, speed: s.speed };
  });
  start();
  return () => {
    unsubscribe();
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
}
