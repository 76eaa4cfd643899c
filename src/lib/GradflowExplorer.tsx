import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { OptionValue } from '../core/types';
import { preloadLayout } from '../ui/canvas/layout';
import { parseCompareList } from '../ui/compare/link';
import { type CompareView, compareOf } from '../ui/compare/state';
import { Explorer, type ExplorerControls } from '../ui/Explorer';
import { createExplorerStore, type ExplorerInit, type ExplorerStore } from '../ui/store';
import { selectBusy, selectLength } from '../ui/store/selectors';
import { goToStop } from '../ui/tracks/play';
import { pageCompute, warmCompute } from './compute';
import { EmbedError } from './EmbedError';
import { type GraphRef, type Resolved, refKey, resolveGraph } from './source';
import { installStyles, SCOPE } from './styles';

export interface GradflowExplorerProps {
  /** A bundled exercise id (`ex06-attention-backward`) or a GraphSpec object. */
  graph?: string | object;
  /** A graph file on the page's own site (`/graphs/mine.json`): fetched, size-limited, validated. Wins over `graph`. */
  src?: string;
  /** Step to show: 0 = nothing done, N = every step done (clamped). Changing it moves the explorer. */
  step?: number;
  /** The exercise's options, e.g. `{ activation: 'relu', init: 'he' }`. */
  options?: Record<string, OptionValue>;
  /** `full` (toolbar, step bar, lesson panels, inspector), `steps` (canvas + step bar) or `none` (canvas). */
  controls?: ExplorerControls;
  /** Height of the explorer's box (px, or any CSS length). */
  height?: number | string;
  /** A lecture track of the graph to play, from 1: it opens at `stop` (from 1, default 1) and → / ← go stop by stop. */
  track?: number;
  stop?: number;
  /** Called with the cursor and the number of steps whenever either changes. */
  onStepChange?: (step: number, total: number) => void;
  /**
   * Compare mode: pane B's options over `options`, e.g. `{ activation: 'relu', init: 'he' }` or
   * `"activation=relu, init=he"` (as the `compare=` link parameter); `{}` compares A with itself.
   */
  compare?: Record<string, OptionValue> | string;
  /** `panes` (two synced panes, the default) or `ratio` (one canvas coloured by the norm ratio). */
  compareView?: CompareView;
}

/** Everything of an embed but where its CSS goes (the document, or the custom element's shadow root). */
export interface EmbedProps extends Omit<GradflowExplorerProps, 'graph' | 'src'> {
  source: GraphRef;
}

/**
 * One explorer on a page that is not gradflow's own: its own store (several can sit on one page),
 * keys only while it has focus, no graph list, sized by `height`. CSS is added on first use.
 */
export function GradflowExplorer({ graph, src, options, ...rest }: GradflowExplorerProps) {
  useState(() => typeof document !== 'undefined' && installStyles());
  const source = useMemo<GraphRef>(() => ({ graph, src, options }), [graph, src, options]);
  return <Embed source={source} {...rest} />;
}

/**
 * Resolves the graph reference (fetching a `src`), then shows one explorer for it. A new
 * reference is a new explorer with a fresh store: a graph that fails to load shows its problem
 * alone, never the graph shown before it.
 */
export function Embed({ source, step, track, stop, controls = 'full', height = 560, onStepChange, compare, compareView }: EmbedProps) {
  const key = refKey(source);
  const [resolved, setResolved] = useState<{ key: string; r: Resolved } | null>(null);
  const stepNow = useRef(step);
  stepNow.current = step;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` says when `source` changed
  useEffect(() => {
    let live = true;
    // The engine (worker, tfjs backend) and the layout engine (elkjs) load while the graph
    // reference resolves and the first run computes, not after.
    warmCompute();
    preloadLayout();
    void resolveGraph(source, location.href, stepNow.current).then((r) => {
      if (live) setResolved({ key, r });
    });
    return () => {
      live = false;
    };
  }, [key]);

  const current = resolved?.key === key ? resolved.r : null;
  return (
    <div className={SCOPE} style={{ height }}>
      {!current ? (
        <p className="gf-embed-loading" role="status">
          Loading the graph…
        </p>
      ) : current.ok ? (
        <EmbeddedExplorer
          key={key}
          init={current.init}
          step={step}
          track={track}
          stop={stop}
          controls={controls}
          onStepChange={onStepChange}
          compare={compare}
          compareView={compareView}
        />
      ) : (
        <EmbedError problems={[current.problem]} />
      )}
    </div>
  );
}

interface EmbeddedExplorerProps {
  init: ExplorerInit;
  step: number | undefined;
  track: number | undefined;
  stop: number | undefined;
  controls: ExplorerControls;
  onStepChange: GradflowExplorerProps['onStepChange'];
  compare: GradflowExplorerProps['compare'];
  compareView: GradflowExplorerProps['compareView'];
}

function EmbeddedExplorer({ init, step, track, stop, controls, onStepChange, compare, compareView }: EmbeddedExplorerProps) {
  const [store] = useState<ExplorerStore>(() => createExplorerStore(pageCompute(), init));
  const compareKey = compare === undefined ? null : JSON.stringify([compare, compareView]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `compareKey` says when `compare` or `compareView` changed
  useEffect(() => {
    const c = compareOf(store).getState();
    if (compare === undefined) c.close();
    else c.open(typeof compare === 'string' ? parseCompareList(compare) : compare, { view: compareView ?? 'panes', graph: null });
  }, [store, compareKey]);
  const stepNow = useRef(step);
  stepNow.current = step;
  const onStep = useRef(onStepChange);
  onStep.current = onStepChange;

  // Load once per store (StrictMode mounts effects twice); then honour a step asked for meanwhile.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void store
      .getState()
      .init()
      .then(() => {
        const s = stepNow.current;
        if (s !== undefined && s !== store.getState().cursor) store.getState().seek(s);
      });
  }, [store]);

  useEffect(() => {
    if (step !== undefined && store.getState().run) store.getState().seek(step);
  }, [store, step]);

  // A track plays from its stop once the graph is on screen (and again when the props change).
  useEffect(() => {
    if (track === undefined) return;
    const open = () => void goToStop(store, track - 1, (stop ?? 1) - 1);
    if (store.getState().run) {
      open();
      return;
    }
    const unsub = store.subscribe((s) => {
      if (!s.run) return;
      unsub();
      open();
    });
    return unsub;
  }, [store, track, stop]);

  useEffect(
    () =>
      store.subscribe((s, prev) => {
        const n = selectLength(s);
        if (s.run && (s.cursor !== prev.cursor || n !== selectLength(prev))) onStep.current?.(s.cursor, n);
      }),
    [store],
  );

  // The first graph failed (an unknown id, a graph the engine refuses): its problems alone, no empty explorer.
  const refused = useStore(store, (s) => (s.run === null && !selectBusy(s) ? s.problems : null));
  if (refused?.length) return <EmbedError problems={refused} />;
  return <Explorer store={store} keys="focus" graphList={false} controls={controls} embedded />;
}
