import { selectHidden, selectLength } from '../selectors';
import type { Slice } from './deps';

/** The cursor over the trace and the player that moves it. */
export interface PlaybackSlice {
  /** 0 = nothing done; N = every step done. */
  cursor: number;
  playing: boolean;
  /** Steps per second while playing. */
  speed: number;

  next(): void;
  prev(): void;
  first(): void;
  last(): void;
  seek(cursor: number): void;
  play(): void;
  pause(): void;
  /** One playback tick: waits at an unguessed step in predict mode, stops at the end. */
  tick(): void;
  setSpeed(stepsPerSecond: number): void;
}

const clamp = (c: number, n: number) => Math.max(0, Math.min(n, Math.floor(c)));

export const createPlaybackSlice: Slice<PlaybackSlice> =
  ({ init }) =>
  (set, get) => {
    const move = (cursor: number) => set({ cursor: clamp(cursor, selectLength(get())) });
    return {
      cursor: init.step ?? 0,
      playing: false,
      speed: init.speed ?? 3,

      next: () => move(get().cursor + 1),
      prev: () => move(get().cursor - 1),
      first: () => move(0),
      last: () => move(selectLength(get())),
      seek: (c) => move(c),
      play() {
        const s = get();
        const n = selectLength(s);
        if (n === 0) return;
        set({ playing: true, cursor: s.cursor >= n ? 0 : s.cursor });
      },
      pause: () => set({ playing: false }),
      tick() {
        const s = get();
        if (!s.playing) return;
        if (selectHidden(s)) {
          set({ playing: false });
          return;
        }
        const n = selectLength(s);
        const cursor = clamp(s.cursor + 1, n);
        set({ cursor, playing: cursor < n });
      },
      setSpeed: (speed) => set({ speed: Math.max(0.25, Math.min(30, speed)) }),
    };
  };
