import { optionsAtStop, type StepLike, stopCursor, type TrackSpec } from '../../core/track';
import type { OptionSpec, OptionValue } from '../../core/types';
import type { Shot } from './plan';

/** A track's stops as shots of this run, the stops at other options, and the stops it cannot show (each with why). */
export interface TrackShots {
  shots: Shot[];
  skipped: string[];
  /**
   * Stops whose options (their own `set` or an earlier one) differ from this run's: a recording
   * of the whole track runs the explorer at each (record/capture.ts); their seconds are known now.
   */
  elsewhere: { index: number; seconds: number }[];
}

export const stopName = (i: number, title: string | undefined): string => `stop ${i + 1}${title ? ` (“${title}”)` : ''}`;

/**
 * The stops of `track` that this run shows: each at the cursor where its moment has just happened
 * (`stopCursor`), held for its `pause` (or `secondsPerStep` when it has none, or 0). A stop whose
 * options (its own `set` and every earlier one) differ from the run's is listed in `elsewhere`; a
 * stop whose moment this run's trace does not have is skipped and named — never silently dropped.
 */
export function trackShots(
  graph: { options: readonly OptionSpec[] },
  track: TrackSpec,
  steps: readonly StepLike[],
  runOptions: Readonly<Record<string, OptionValue>>,
  secondsPerStep: number,
): TrackShots {
  const defaults = Object.fromEntries(graph.options.map((o) => [o.name, o.default]));
  const shots: Shot[] = [];
  const skipped: string[] = [];
  const elsewhere: TrackShots['elsewhere'] = [];
  const count = track.stops.length;
  track.stops.forEach((stop, index) => {
    const name = stopName(index, stop.title);
    const wanted = optionsAtStop(track, index, defaults);
    const differs = Object.entries(wanted).find(([k, v]) => k in runOptions && runOptions[k] !== v);
    if (differs) {
      elsewhere.push({ index, seconds: stop.pause || secondsPerStep });
      return;
    }
    const cursor = stopCursor(steps, stop.at);
    if (cursor === null) {
      skipped.push(`${name}: this run has no ${stop.at.phase} step of ${'node' in stop.at ? stop.at.node : ''}`);
      return;
    }
    shots.push({ cursor, seconds: stop.pause || secondsPerStep, stop: { index, count, title: stop.title, callout: stop.callout } });
  });
  return { shots, skipped, elsewhere };
}
