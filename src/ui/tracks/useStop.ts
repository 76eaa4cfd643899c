import { useMemo } from 'react';
import { frameNodes, type StopSpec, type TrackSpec } from '../../core/track';
import { useExplorer } from '../store/context';
import { atStop } from './play';
import { useTrackState } from './trackState';

const NONE: readonly TrackSpec[] = [];

/** The graph's tracks. */
export const useTracks = (): readonly TrackSpec[] => useExplorer((s) => s.run?.graph.tracks ?? NONE);

/** The stop on screen now (the player at it and the cursor at its moment), or null. */
export function useStopOnScreen(): StopSpec | null {
  const track = useTrackState((t) => t.track);
  const stop = useTrackState((t) => t.stop);
  const busy = useTrackState((t) => t.busy);
  return useExplorer((s) => atStop(s, { track, stop, busy }));
}

/** What the camera frames at the stop on screen (its node, frame list and anchor), or null off a stop. */
export function useStopFrame(): readonly string[] | null {
  const stop = useStopOnScreen();
  const key = stop ? frameNodes(stop).join('\n') : '';
  return useMemo(() => (key ? key.split('\n') : null), [key]);
}
