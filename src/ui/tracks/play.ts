import { optionsAtStop, type StopSpec, stopCursor, stopNode, type TrackSpec } from '../../core/track';
import type { OptionValue } from '../../core/types';
import type { ExplorerState, ExplorerStore } from '../store/types';
import { trackStateOf } from './trackState';

/**
 * Playing a lecture track: arriving at a stop switches the options it asks for (every `set` of
 * the stops up to it, so a stop looks the same however it is reached: by →, by ←, by a link),
 * then moves the cursor to the stop's node and phase in the trace those options give.
 */

/** The graph's tracks (none before the first run). */
export const tracksOf = (s: Pick<ExplorerState, 'run'>): readonly TrackSpec[] => s.run?.graph.tracks ?? [];

/** The stop the player is at, when a track plays. */
export function currentStop(s: Pick<ExplorerState, 'run'>, t: { track: number | null; stop: number }): StopSpec | null {
  return t.track === null ? null : (tracksOf(s)[t.track]?.stops[t.stop] ?? null);
}

/** The stop is on screen: the player is at it and the cursor at its moment (not scrubbed away). */
export function atStop(
  s: Pick<ExplorerState, 'run' | 'cursor'>,
  t: { track: number | null; stop: number; busy: boolean },
): StopSpec | null {
  const stop = currentStop(s, t);
  if (!stop || t.busy || !s.run) return null;
  return stopCursor(s.run.trace.steps, stop.at) === s.cursor ? stop : null;
}

const defaultsOf = (s: ExplorerState): Record<string, OptionValue> =>
  Object.fromEntries((s.run?.graph.options ?? []).map((o) => [o.name, o.default]));

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * Goes to stop `stop` (0-based) of track `track`: out-of-range numbers leave the view as it is
 * and say why (the notice). Resolves true when the stop is on screen.
 */
export async function goToStop(store: ExplorerStore, track: number, stop: number): Promise<boolean> {
  const player = trackStateOf(store);
  const tracks = tracksOf(store.getState());
  const seq = player.getState().seq + 1;
  const t = tracks[track];
  if (!t) {
    player.setState({
      seq,
      notice: tracks.length
        ? `There is no track ${track + 1}: this graph has ${plural(tracks.length, 'track')}.`
        : 'This graph has no lecture track.',
    });
    return false;
  }
  if (stop < 0 || stop >= t.stops.length) {
    player.setState({ seq, notice: `Track ${track + 1} has ${plural(t.stops.length, 'stop')}: there is no stop ${stop + 1}.` });
    return false;
  }
  player.setState({ track, stop, seq, busy: true, notice: null });
  store.getState().pause();
  const want = optionsAtStop(t, stop, defaultsOf(store.getState()));
  for (const [name, value] of Object.entries(want)) {
    const s = store.getState();
    if (player.getState().seq !== seq) return false;
    if (s.run && String(s.run.options[name]) !== String(value)) await s.setOption(name, value);
  }
  if (player.getState().seq !== seq) return false;
  const s = store.getState();
  const spec = t.stops[stop] as StopSpec;
  const cursor = s.run ? stopCursor(s.run.trace.steps, spec.at) : null;
  if (cursor === null) {
    const node = stopNode(spec.at);
    player.setState({
      busy: false,
      notice: `Stop ${stop + 1}: "${node}" has no ${spec.at.phase} step at these options.`,
    });
    return false;
  }
  s.seek(cursor);
  player.setState({ busy: false });
  return true;
}

/** The next (or, `by` = -1, the previous) stop of the playing track; false at either end. */
export function stepStop(store: ExplorerStore, by: 1 | -1): boolean {
  const p = trackStateOf(store).getState();
  if (p.track === null) return false;
  const n = tracksOf(store.getState())[p.track]?.stops.length ?? 0;
  const to = p.stop + by;
  if (to < 0 || to >= n) return false;
  void goToStop(store, p.track, to);
  return true;
}

/** Ends the track: the view stays where it is. */
export function leaveTrack(store: ExplorerStore): void {
  const p = trackStateOf(store);
  p.setState({ track: null, stop: 0, busy: false, notice: null, seq: p.getState().seq + 1, autoplay: false });
}
