import type { StopSpec } from '../../core/track';
import type { Structure } from '../canvas/flow';
import { layoutKey } from '../canvas/flow';
import { canvasDrawn, onCanvasDrawn } from '../canvas/ready';
import { selectTimeline } from '../store/selectors';
import type { ExplorerStore } from '../store/types';
import { goToStop, tracksOf } from '../tracks/play';
import { trackStateOf } from '../tracks/trackState';
import { Cancelled, type OnProgress, shotSvg, stopIfCancelled } from './frames';
import type { Shot } from './plan';
import { stopName } from './track';

/** Every stop of a track drawn at its own run: the pictures (SVG) in stop order, and the stops that could not be. */
export interface CapturedTrack {
  shots: Shot[];
  svgs: string[];
  skipped: string[];
}

/** How long a stop's run and layout may take before the stop is left out (named). */
const STOP_TIMEOUT_MS = 60_000;

/** The structure on the canvas is the layout of the run on screen (not the previous options'). */
const laidFor = (structure: Structure & { graphKey?: string }, store: ExplorerStore): boolean => {
  const run = store.getState().run;
  return !!run && structure.graphKey === layoutKey(run.graph, run.trace.objectiveNode, {});
};

/**
 * Resolves true once the canvas shows the layout of the run on screen: at once when it already
 * does, else when the canvas next says it has drawn that layout; false after STOP_TIMEOUT_MS.
 */
function laidOut(store: ExplorerStore, structure: () => Structure, signal: AbortSignal | undefined): Promise<boolean> {
  const shown = () => canvasDrawn(store) && laidFor(structure(), store);
  if (signal?.aborted) return Promise.reject(new Cancelled());
  if (shown()) return Promise.resolve(true);
  return new Promise((resolve, reject) => {
    const end = (settle: () => void) => {
      clearTimeout(timer);
      off();
      signal?.removeEventListener('abort', cancel);
      settle();
    };
    const cancel = () => end(() => reject(new Cancelled()));
    const off = onCanvasDrawn(store, () => {
      if (shown()) end(() => resolve(true));
    });
    const timer = setTimeout(() => end(() => resolve(false)), STOP_TIMEOUT_MS);
    signal?.addEventListener('abort', cancel, { once: true });
  });
}

/**
 * Records the whole of track `track`, option changes included: the explorer goes to each stop as
 * the track player does (its options, then its moment), the canvas lays that run out, and the
 * stop's frame is drawn from that run and layout. Afterwards the explorer is put back as it was
 * (options, step, the track player). `structure()` is the canvas's layout now.
 */
export async function captureTrack(
  store: ExplorerStore,
  track: number,
  size: { width: number; height: number; secondsPerStep: number },
  structure: () => Structure,
  onProgress: OnProgress,
  signal?: AbortSignal,
): Promise<CapturedTrack> {
  const spec = tracksOf(store.getState())[track];
  if (!spec) throw new Error(`track ${track + 1}: the graph has no such track`);
  const player = trackStateOf(store);
  const before = { options: { ...store.getState().run?.options }, cursor: store.getState().cursor, player: player.getState() };
  const out: CapturedTrack = { shots: [], svgs: [], skipped: [] };
  const count = spec.stops.length;
  try {
    for (const [index, stop] of spec.stops.entries()) {
      stopIfCancelled(signal);
      const name = stopName(index, stop.title);
      const shown = await goToStop(store, track, index);
      stopIfCancelled(signal);
      if (!shown) {
        out.skipped.push(`${name}: ${player.getState().notice ?? 'it could not be shown'}`);
        continue;
      }
      if (!(await laidOut(store, structure, signal))) {
        out.skipped.push(`${name}: its graph was not laid out within ${STOP_TIMEOUT_MS / 1000} s`);
        continue;
      }
      const s = store.getState();
      const timeline = selectTimeline(s);
      if (!s.run || !timeline) continue;
      const shot: Shot = {
        cursor: s.cursor,
        seconds: (stop as StopSpec).pause || size.secondsPerStep,
        stop: { index, count, title: stop.title, callout: stop.callout },
      };
      out.shots.push(shot);
      out.svgs.push(shotSvg({ structure: structure(), graph: s.run.graph, timeline }, shot, size.width, size.height));
      onProgress(index + 1, count);
    }
  } finally {
    // Back to where the explorer was: its options, its step, the player as it stood.
    const s = store.getState();
    for (const [name, value] of Object.entries(before.options))
      if (s.run && String(store.getState().run?.options[name]) !== String(value)) await store.getState().setOption(name, value);
    store.getState().seek(before.cursor);
    player.setState({ ...before.player, busy: false, autoplay: false, seq: player.getState().seq + 1 });
  }
  return out;
}
