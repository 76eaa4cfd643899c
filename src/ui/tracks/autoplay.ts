import type { StopSpec } from '../../core/track';
import { canvasDrawn } from '../canvas/ready';
import type { ExplorerStore } from '../store/types';
import { atStop, goToStop, tracksOf } from './play';
import { trackStateOf } from './trackState';

/**
 * "Play track": the track plays by itself, stop by stop, each stop held for its `pause`
 * (DEFAULT_PAUSE seconds when it has none) once it is on screen, ending at the last stop. It
 * stops when asked (stopAutoplay: any key or click, see useTrackKeys), when another move takes
 * the player elsewhere, or when a stop cannot be shown (its notice says why).
 */

/** Seconds a stop without a `pause` holds while the track plays by itself. */
export const DEFAULT_PAUSE = 6;

/** How long stop `stop` holds, in milliseconds. */
export const holdMs = (stop: StopSpec): number => 1000 * (stop.pause ?? DEFAULT_PAUSE);

/** Runs `f` after `ms`; returns the cancel. Tests pass their own to see the holds asked for. */
export type After = (ms: number, f: () => void) => () => void;

const realAfter: After = (ms, f) => {
  const t = setTimeout(f, ms);
  return () => clearTimeout(t);
};

/** While the canvas redraws (an option change re-lays it out) the hold has not begun: look again soon. */
const REDRAW_MS = 100;

// The running play of each store: its cancel.
const running = new WeakMap<ExplorerStore, () => void>();

/** Stops the track playing by itself; the player stays at the stop it is at. */
export function stopAutoplay(store: ExplorerStore): void {
  running.get(store)?.();
  running.delete(store);
  const p = trackStateOf(store);
  if (p.getState().autoplay) p.setState({ autoplay: false });
}

/**
 * Plays track `track` (default: the one playing, else the first) by itself from the stop the
 * player is at (the first when it is at the last stop or in no track). A track the graph lacks
 * gives goToStop's notice.
 */
export function playTrack(store: ExplorerStore, track?: number, after: After = realAfter): void {
  stopAutoplay(store);
  const player = trackStateOf(store);
  const p = player.getState();
  const t = track ?? p.track ?? 0;
  const spec = tracksOf(store.getState())[t];
  if (!spec) {
    void goToStop(store, t, 0);
    return;
  }
  const last = spec.stops.length - 1;
  const from = p.track === t && p.stop < last ? p.stop : 0;
  let cancel = () => {};
  let live = true;
  const end = () => {
    live = false;
    cancel();
    unsub();
    if (running.get(store) === stopThis) running.delete(store);
  };
  const stopThis = () => end();
  // Whoever switches autoplay off (a key, a click, leaving the track, another graph) ends this play.
  const unsub = player.subscribe((s) => {
    if (!s.autoplay && live) end();
  });
  const hold = (k: number, seq: number, ms: number) => {
    cancel = after(ms, () => {
      if (!live) return;
      if (player.getState().seq !== seq) return stopAutoplay(store); // moved elsewhere meanwhile
      if (!canvasDrawn(store)) return hold(k, seq, REDRAW_MS);
      void arrive(k + 1);
    });
  };
  const arrive = async (k: number) => {
    const q = player.getState();
    const here = q.track === t && q.stop === k && atStop(store.getState(), q) !== null;
    const ok = here || (await goToStop(store, t, k));
    if (!live) return;
    if (!ok || k >= last) return stopAutoplay(store);
    hold(k, player.getState().seq, holdMs(spec.stops[k] as StopSpec));
  };
  running.set(store, stopThis);
  player.setState({ autoplay: true });
  void arrive(from);
}

/** P and the play button: play when still, stop when playing. */
export function toggleAutoplay(store: ExplorerStore): void {
  if (trackStateOf(store).getState().autoplay) stopAutoplay(store);
  else playTrack(store);
}

/** The user asked for less motion: a link's `autoplay=1` then waits for P or the button. */
export const prefersReducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
