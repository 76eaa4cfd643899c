import { stopCursor } from '../../core/track';
import { useExplorer } from '../store/context';
import { useTrackState } from './trackState';
import { useTracks } from './useStop';

/**
 * Chapter marks on the scrubber: one per stop of the playing track (else the first track),
 * where its node and phase fall in the trace on screen. Titles on hover; the track bar lists
 * the stops for assistive technology (a slider's children are presentational).
 */
export function TrackMarks({ n }: { n: number }) {
  const tracks = useTracks();
  const playing = useTrackState((t) => t.track);
  const at = useTrackState((t) => t.stop);
  const steps = useExplorer((s) => s.run?.trace.steps ?? null);
  const track = tracks[playing ?? 0];
  if (!track || !steps || n === 0) return null;
  return (
    <>
      {track.stops.map((s, i) => {
        const c = stopCursor(steps, s.at);
        if (c === null) return null;
        const label = `Stop ${i + 1}${s.title ? `: ${s.title}` : ''}`;
        return (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: stops are a fixed list; two may share a title and a cursor
            key={i}
            className={`gf-chapter${playing !== null && i === at ? ' is-current' : ''}`}
            data-testid="chapter-mark"
            data-cursor={c}
            style={{ left: `${(100 * c) / n}%` }}
            title={label}
          />
        );
      })}
    </>
  );
}
