import { useEffect, useRef, useState } from 'react';
import type { OptionValue } from '../core/types';
import { Explorer, type ExplorerControls } from '../ui/Explorer';
import { createExplorerStore, type ExplorerInit, type ExplorerStore } from '../ui/store/store';
import { pageCompute } from './compute';
import { installStyles, SCOPE } from './styles';

export interface GradflowExplorerProps {
  /** A bundled exercise id (`ex06-attention-backward`) or a GraphSpec object. */
  graph: string | object;
  /** Step to show: 0 = nothing done, N = every step done (clamped). Changing it moves the explorer. */
  step?: number;
  /** The exercise's options, e.g. `{ activation: 'relu', init: 'he' }`. */
  options?: Record<string, OptionValue>;
  /** `full` (toolbar, step bar, lesson panels, inspector), `steps` (canvas + step bar) or `none` (canvas). */
  controls?: ExplorerControls;
  /** Height of the explorer's box (px, or any CSS length). */
  height?: number | string;
  /** Called with the cursor and the number of steps whenever either changes. */
  onStepChange?: (step: number, total: number) => void;
}

function initOf(graph: GradflowExplorerProps['graph'], options: GradflowExplorerProps['options'], step: number | undefined): ExplorerInit {
  return typeof graph === 'string' ? { graph, options, step } : { spec: graph, step };
}

/**
 * One explorer on a page that is not gradflow's own: its own store (several can sit on one page),
 * keys only while it has focus, no graph list, sized by `height`. CSS is added on first use.
 */
export function GradflowExplorer({ graph, step, options, controls = 'full', height = 560, onStepChange }: GradflowExplorerProps) {
  const [store] = useState<ExplorerStore>(() => createExplorerStore(pageCompute(), initOf(graph, options, step)));
  const stepNow = useRef(step);
  stepNow.current = step;
  const onStep = useRef(onStepChange);
  onStep.current = onStepChange;

  useState(() => typeof document !== 'undefined' && installStyles());

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

  // A new graph or new options: load them (the first render's are loaded by init).
  const source = JSON.stringify([graph, options ?? null]);
  const loaded = useRef(source);
  useEffect(() => {
    if (loaded.current === source) return;
    loaded.current = source;
    const s = store.getState();
    void (typeof graph === 'string' ? s.loadGraph(graph, { options, step: stepNow.current }) : s.loadSpec(graph));
  }, [store, source, graph, options]);

  useEffect(() => {
    if (step !== undefined && store.getState().run) store.getState().seek(step);
  }, [store, step]);

  useEffect(
    () =>
      store.subscribe((s, prev) => {
        const n = s.timeline?.length ?? 0;
        if (s.timeline && (s.cursor !== prev.cursor || n !== (prev.timeline?.length ?? 0))) onStep.current?.(s.cursor, n);
      }),
    [store],
  );

  return (
    <div className={SCOPE} style={{ height }}>
      <Explorer store={store} keys="focus" graphList={false} controls={controls} embedded />
    </div>
  );
}
