import type { ExplorerState, ExplorerStore } from '../store/types';
import type { UrlState } from '../store/url';
import { playTrack, prefersReducedMotion } from './autoplay';
import { goToStop } from './play';
import { trackStateOf } from './trackState';

/** `"3"` → 2 (from 1 to from 0); anything but a whole number ≥ 1 → null. */
function fromOne(v: string | undefined, fallback: number): number | null {
  if (v === undefined) return fallback;
  const t = v.trim();
  let ok = t.length > 0 && t.length <= 6;
  for (const ch of t) ok &&= ch >= '0' && ch <= '9';
  const n = ok ? Number(t) : 0;
  return n >= 1 ? n - 1 : null;
}

/** The graph a link is about is on screen: a `?src=` graph once loaded, else the first run. */
const linkedOnScreen = (s: ExplorerState, url: Pick<UrlState, 'src'>): boolean =>
  !!s.run && (url.src === undefined || (s.source?.kind === 'spec' && s.source.src === url.src));

/**
 * Opens a link's `track=N&stop=K` once its graph is on screen, and with `autoplay=1` plays the
 * track by itself from there — unless the user asked for reduced motion: then the track waits at
 * the stop for P or the play button, and the notice says so. A value that is not a number
 * from 1, or a track or stop the graph does not have, leaves the graph as the link opened it
 * and says why in the track bar. Returns the unsubscribe.
 */
export function restoreTrackLink(store: ExplorerStore, url: Pick<UrlState, 'src' | 'track' | 'stop' | 'autoplay'>): () => void {
  let done = false;
  const apply = (s: ExplorerState) => {
    if (done || !linkedOnScreen(s, url)) return;
    done = true;
    const track = fromOne(url.track, 0);
    const stop = fromOne(url.stop, 0);
    if (track === null || stop === null) {
      const what = track === null ? `track=${url.track ?? ''}` : `stop=${url.stop ?? ''}`;
      trackStateOf(store).setState({ notice: `The link's ${what} is not a number from 1: the track was not started.` });
      return;
    }
    if (url.autoplay !== '1') return void goToStop(store, track, stop);
    void goToStop(store, track, stop).then((ok) => {
      if (!ok) return;
      if (!prefersReducedMotion()) return playTrack(store, track);
      trackStateOf(store).setState({
        notice: 'Reduced motion is on, so the track does not play by itself: press P or ▶ play to start it.',
      });
    });
  };
  const unsub = store.subscribe(apply);
  apply(store.getState());
  return unsub;
}
