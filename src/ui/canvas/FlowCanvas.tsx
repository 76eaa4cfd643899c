import { lazy, Suspense, useLayoutEffect } from 'react';
import { useExplorerStore } from '../store/context';
import { setCanvasDrawn } from './ready';

// React Flow and the canvas load beside the engine (they have nothing to draw before its first
// run), not before the explorer's chrome paints: they are not part of the app shell.
const Lazy = lazy(() =>
  Promise.all([import('@xyflow/react'), import('./Canvas')]).then(([flow, c]) => ({
    default: () => (
      <flow.ReactFlowProvider>
        <c.Canvas />
      </flow.ReactFlowProvider>
    ),
  })),
);

/** The canvas's place while its code loads: its own pre-layout look, and keys wait as they do then. */
function CanvasLoading() {
  const store = useExplorerStore();
  useLayoutEffect(() => setCanvasDrawn(store, false), [store]);
  return <div className="gf-canvas gf-canvas--message">Laying out the graph…</div>;
}

/** The explorer's canvas in its own React Flow provider, loaded on first use. */
export function FlowCanvas() {
  return (
    <Suspense fallback={<CanvasLoading />}>
      <Lazy />
    </Suspense>
  );
}
