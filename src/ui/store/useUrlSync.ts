import { useEffect } from 'react';
import { trailing, URL_WRITE_DELAY_MS } from '../common/trailing';
import { parseCompareLink, withCompare } from '../compare/link';
import { compareOf } from '../compare/state';
import { restoreTrackLink } from '../tracks/link';
import { trackStateOf } from '../tracks/trackState';
import { defaultFolds } from './folds';
import type { ExplorerState, ExplorerStore } from './types';
import { foldsFor, parseUrl, toSearch, type UrlState } from './url';

/**
 * The link for the current view, or null when there is none: a bundled exercise by id, a
 * graph from this site by its `?src=`; a file opened or pasted has no link.
 */
export function searchFor(s: ExplorerState, player?: { track: number | null; stop: number; autoplay?: boolean }): string | null {
  if (!s.run || !s.source) return null;
  const src = s.source.kind === 'spec' ? s.source.src : undefined;
  if (s.source.kind !== 'exercise' && src === undefined) return null;
  return toSearch({
    graph: s.run.graph.id,
    src,
    step: s.cursor,
    node: s.selected,
    options: s.run.options,
    declared: s.run.graph.options,
    objective: s.run.trace.objective,
    defaultObjective: s.run.graph.objectives[0]?.name,
    seed: s.seed,
    present: s.presenter,
    predict: s.predict,
    theme: s.theme,
    folded: s.folded,
    defaultFolded: defaultFolds(s.run.graph),
    track: player && player.track !== null ? { track: player.track, stop: player.stop, autoplay: player.autoplay } : null,
  });
}

/** Applies a link's `fold` / `unfold` to the graph on screen (once it is the linked one). */
export function applyUrlFolds(store: ExplorerStore, url: Pick<UrlState, 'fold' | 'unfold'>): void {
  const run = store.getState().run;
  if (!run || (!url.fold && !url.unfold)) return;
  store.setState({ folded: foldsFor(defaultFolds(run.graph), url, run.graph.groups) });
}

/** One fetch per store and link, even when the effect runs twice (StrictMode in development). */
const srcLoads = new WeakMap<ExplorerStore, { src: string; done: Promise<boolean> }>();
const loadOnce = (store: ExplorerStore, src: string): Promise<boolean> => {
  const known = srcLoads.get(store);
  if (known?.src === src) return known.done;
  const done = store.getState().loadUrl(src);
  srcLoads.set(store, { src, done });
  return done;
};

/**
 * Keeps the address bar on the current view (history.replaceState once the view has stayed put
 * for `delayMs`: stepping or playing faster than that writes nothing until it pauses). A write
 * is a same-document navigation that costs the renderer 1–5 ms (more on big graphs), so it is
 * kept out of the frames of a run of steps. A `?src=` link is loaded here (the page's own graph
 * file); the address bar is left alone until that load has settled, so the link survives the
 * first graph shown meanwhile.
 */
export function useUrlSync(store: ExplorerStore, delayMs = URL_WRITE_DELAY_MS): void {
  useEffect(() => {
    let last = location.search;
    let live = true;
    const url = parseUrl(location.search);
    const { src, step, node, theme } = url;
    if (theme) store.getState().setTheme(theme);
    const player = trackStateOf(store);
    let holding = src !== undefined;
    // Compare mode (`compare=opt.activation=relu`): pane B's options, restored here and written back.
    const compare = compareOf(store);
    const linked = parseCompareLink(location.search);
    if (linked) compare.getState().open(linked.options, { view: linked.view, graph: null });
    const write = () => {
      if (holding) return;
      const plain = searchFor(store.getState(), player.getState());
      const search = plain === null ? null : withCompare(plain, compare.getState());
      if (search !== null && search !== last) {
        last = search;
        history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
      }
    };
    // Each change restarts the wait, but a view that keeps changing (playback, a track's
    // autoplay) is still written every MAX_WAIT_MS.
    const { schedule, cancel } = trailing(write, delayMs);
    // The canvas view is a slice of the same store: its changes come with the store's.
    const unsubs = [store.subscribe(schedule), compare.subscribe(schedule), player.subscribe(schedule)];
    if (url.track !== undefined || url.stop !== undefined || url.autoplay !== undefined) unsubs.push(restoreTrackLink(store, url));
    if (src !== undefined) {
      void loadOnce(store, src).then((ok) => {
        if (!live) return;
        // The link's step and node apply to its graph once it is on screen.
        if (ok && (step !== undefined || node !== undefined)) {
          const s = store.getState();
          if (step !== undefined) s.seek(step);
          if (node !== undefined && s.run?.graph.nodes.some((n) => n.id === node)) s.select(node);
        }
        if (ok) applyUrlFolds(store, url);
        holding = false;
        schedule();
      });
    }
    return () => {
      live = false;
      for (const u of unsubs) u();
      cancel();
    };
  }, [store, delayMs]);
}
