import { useExplorerStore } from '../store/context';
import { playTrack, toggleAutoplay } from './autoplay';
import { goToStop, leaveTrack, stepStop } from './play';
import { trackStateOf, useTrackState } from './trackState';
import { useTracks } from './useStop';
import { PLAY_BUTTON } from './useTrackKeys';

/** The play button's props: a toggle, marked so that pressing it does not count as "a click stops it". */
const playProps = (on: boolean) => ({ type: 'button' as const, 'aria-pressed': on, [PLAY_BUTTON]: '', 'data-testid': 'track-play' });

/**
 * The lecture track's controls above the step bar: start a track; while one plays, the stop
 * (k / N and its title), previous / next stop, play by itself (P) and leave; and the notice when
 * a move or a link could not do what it asked.
 */
export function TrackBar() {
  const store = useExplorerStore();
  const tracks = useTracks();
  const track = useTrackState((t) => t.track);
  const stop = useTrackState((t) => t.stop);
  const busy = useTrackState((t) => t.busy);
  const notice = useTrackState((t) => t.notice);
  const auto = useTrackState((t) => t.autoplay);
  const playing = track !== null ? tracks[track] : undefined;
  if (!tracks.length && !notice) return null;
  const dismiss = () => trackStateOf(store).setState({ notice: null });
  return (
    // biome-ignore lint/a11y/useSemanticElements: a bar of controls, not a form
    <section className="gf-trackbar" role="group" aria-label="lecture track" data-testid="track-bar" aria-busy={busy}>
      {playing ? (
        <>
          <span className="gf-trackbar__where" data-testid="track-stop">
            <span className="gf-trackbar__track">{playing.title ?? `Track ${(track ?? 0) + 1}`}</span>
            {' · '}
            stop {stop + 1} / {playing.stops.length}
            {playing.stops[stop]?.title ? `: ${playing.stops[stop]?.title}` : ''}
          </span>
          <button type="button" onClick={() => stepStop(store, -1)} disabled={stop === 0} aria-label="previous stop (←)">
            ◀ stop
          </button>
          <button type="button" onClick={() => stepStop(store, 1)} disabled={stop >= playing.stops.length - 1} aria-label="next stop (→)">
            stop ▶
          </button>
          <button {...playProps(auto)} onClick={() => toggleAutoplay(store)} title="play the track by itself (P)">
            {auto ? '■ stop playing' : '▶ play'}
          </button>
          <button type="button" onClick={() => leaveTrack(store)} aria-label="leave the track">
            ✕
          </button>
          <ol className="gf-visually-hidden" aria-label="stops">
            {playing.stops.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: stops are a fixed list
              <li key={i} aria-current={i === stop ? 'step' : undefined}>
                {s.title ?? `Stop ${i + 1}`}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <>
          {tracks.map((t, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: tracks are a fixed list
            <button key={i} type="button" className="gf-trackbar__start" onClick={() => void goToStop(store, i, 0)}>
              ▶ Lecture track{tracks.length > 1 ? ` ${i + 1}` : ''}: {t.title ?? `${t.stops.length} stops`}
            </button>
          ))}
          <button {...playProps(false)} onClick={() => playTrack(store, 0)} title="play the first track by itself (P)">
            ▶ play track
          </button>
        </>
      )}
      {notice && (
        <p className="gf-trackbar__notice" role="status" data-testid="track-notice">
          {notice}{' '}
          <button type="button" onClick={dismiss} aria-label="dismiss">
            ✕
          </button>
        </p>
      )}
    </section>
  );
}
