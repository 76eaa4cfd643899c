import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useExplorerStore } from '../store/context';
import type { ExplorerStore } from '../store/types';

/** Which lecture track is playing, at which stop, and what the last move could not do. */
export interface TrackState {
  /** Index into the graph's tracks; null when no track plays. */
  track: number | null;
  /** Index of the stop arrived at (or being arrived at). */
  stop: number;
  /** Why the last move (or link) did not do what it asked; null when it did. */
  notice: string | null;
  /** A stop's option change is being computed. */
  busy: boolean;
  /** Bumped by every move: a slower, older move stops when a newer one starts. */
  seq: number;
  /** The track plays by itself ("play track", `P`): each stop held for its pause, then the next. */
  autoplay: boolean;
}

export type TrackStore = StoreApi<TrackState>;

const IDLE: TrackState = { track: null, stop: 0, notice: null, busy: false, seq: 0, autoplay: false };

// One track player per explorer store: every embed, story and test has its own.
const players = new WeakMap<ExplorerStore, TrackStore>();

export function trackStateOf(store: ExplorerStore): TrackStore {
  let t = players.get(store);
  if (!t) {
    t = createStore<TrackState>()(() => ({ ...IDLE }));
    players.set(store, t);
    const tracks = t;
    // Another graph ends the track (its stops name this graph's nodes).
    store.subscribe((s, p) => {
      if (s.run?.graph.id !== p.run?.graph.id && p.run && tracks.getState().track !== null)
        tracks.setState({ ...IDLE, seq: tracks.getState().seq + 1 });
    });
  }
  return t;
}

export function useTrackState<T>(select: (t: TrackState) => T): T {
  return useStore(trackStateOf(useExplorerStore()), select);
}
