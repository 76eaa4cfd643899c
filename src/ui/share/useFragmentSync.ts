import { useEffect, useState } from 'react';
import { trailing, URL_WRITE_DELAY_MS } from '../common/trailing';
import { rememberText, textOf } from '../editor/bridge';
import { openWith } from '../editor/paneState';
import type { ExplorerState, ExplorerStore } from '../store';
import { parseUrl } from '../store/url';
import { decodeFragment, encodeFragment, hasGraphFragment, NOT_IN_LINK } from './fragment';

/** A graph the learner opened or pasted: it has no id and no `?src=` that could name it. */
const ownGraph = (s: ExplorerState): unknown =>
  s.run && s.source?.kind === 'spec' && s.source.src === undefined ? s.source.spec : undefined;

/** The query that goes with a graph in the fragment: the view, without a `graph=` that would name another graph. */
function viewSearch(s: ExplorerState): string {
  const p = new URLSearchParams();
  p.set('step', String(s.cursor));
  if (s.selected) p.set('node', s.selected);
  if (s.presenter) p.set('present', '1');
  if (s.predict) p.set('predict', '1');
  return `?${p.toString()}`;
}

/**
 * Keeps the address bar true for a graph opened from a file or pasted: the graph rides in the
 * fragment (`#gf=…`, see fragment.ts) with the step and node in the query, so a reload or a
 * shared link reopens it. A graph too large for a link gets `#graph-not-in-link` and a notice
 * (returned, for the page to show). Another graph (an exercise, a `?src=` file) clears the fragment.
 * A link's own graph applies its step and node once it is on screen. A new graph is written at
 * once; a step, a selection or presenter mode once the view has stayed put for `delayMs`
 * (as useUrlSync does), since the write costs the renderer milliseconds on a big graph.
 */
export function useFragmentSync(store: ExplorerStore, delayMs = URL_WRITE_DELAY_MS): string | null {
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let encodedFor: unknown;
    let fragment: string | null = null;
    // The step and node of a link that carries its graph apply to that graph once it shows.
    let pending = hasGraphFragment(location.hash) ? parseUrl(location.search) : null;
    // A link written from the editor carries the .gf text itself: it opens in the editor, as written.
    let linkText: string | null = null;
    const write = (s: ExplorerState) => {
      const own = ownGraph(s);
      if (own === undefined) {
        if (s.run && (hasGraphFragment(location.hash) || location.hash === NOT_IN_LINK)) {
          history.replaceState(history.state, '', `${location.pathname}${location.search}`);
          setNotice(null);
        }
        return;
      }
      if (linkText !== null) {
        // the graph on screen is the link's text compiled: keep the text in the link
        rememberText(own as object, linkText);
        linkText = null;
      }
      if (pending) {
        const { step, node } = pending;
        pending = null;
        if (step !== undefined) s.seek(step);
        if (node !== undefined && s.run?.graph.nodes.some((n) => n.id === node)) s.select(node);
        return;
      }
      if (own !== encodedFor) {
        encodedFor = own;
        fragment = null;
        // Text from the editor rides as written (comments kept); any other graph as its JSON.
        void encodeFragment(textOf(own) ?? JSON.stringify(own)).then((e) => {
          if (!live || encodedFor !== own) return;
          fragment = e.ok ? e.fragment : NOT_IN_LINK;
          setNotice(
            e.ok
              ? null
              : `This graph is not in the address bar: compressed it takes ${e.chars} characters, over the ${e.limit} a link may carry. Save it as a file to share it.`,
          );
          write(store.getState());
        });
        return;
      }
      if (fragment === null) return;
      const url = `${location.pathname}${viewSearch(s)}${fragment}`;
      if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', url);
    };
    if (pending)
      // The .gf sniffer (with the parser) loads only for a link that carries a graph: not in the app shell.
      void Promise.all([decodeFragment(location.hash), import('../../lang/sniff')]).then(([d, { looksLikeGf }]) => {
        if (!live || !d?.ok || !looksLikeGf(d.value)) return;
        linkText = d.value;
        encodedFor = undefined;
        openWith(store, d.value);
        write(store.getState());
      });
    const later = trailing(() => write(store.getState()), delayMs);
    const unsub = store.subscribe((s, prev) => {
      if (s.run !== prev.run) {
        later.cancel();
        write(s);
      } else if (s.cursor !== prev.cursor || s.selected !== prev.selected || s.presenter !== prev.presenter) later.schedule();
    });
    write(store.getState());
    return () => {
      live = false;
      later.cancel();
      unsub();
    };
  }, [store, delayMs]);
  return notice;
}
