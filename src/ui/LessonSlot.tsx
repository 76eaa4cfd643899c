import { lazy, Suspense, useCallback } from 'react';
import { useExplorer, useExplorerStore } from './store/context';
import { selectBlocks } from './store/slices/checks';

// The panels (and d3's scales, shapes and axes) load after the canvas: not in the first download.
const LessonPanels = lazy(() => import('./panels/LessonPanels').then((m) => ({ default: m.LessonPanels })));

/**
 * Below the canvas (beside it in presenter mode): the lesson panels for the run (src/ui/panels), fed the blocks, the trace
 * and the cursor; hovering a layer in a panel lights its nodes up on the canvas.
 */
export function LessonSlot() {
  const store = useExplorerStore();
  const run = useExplorer((s) => s.run);
  const blocks = useExplorer(selectBlocks);
  const cursor = useExplorer((s) => s.cursor);
  const checking = useExplorer((s) => s.lesson.status === 'checking');
  const onHighlight = useCallback((ids: string[] | null) => store.getState().setHighlight(ids), [store]);
  if (!run) return null;
  return (
    // Not a landmark of its own: LessonPanels' section is the labelled region.
    <div className="gf-lessons" data-testid="lesson-slot">
      {checking && (
        <p className="gf-lessons__wait" role="status">
          Running the lesson's checks…
        </p>
      )}
      <Suspense fallback={<p className="gf-lessons__wait">Loading the lesson panels…</p>}>
        <LessonPanels
          exerciseId={run.graph.id}
          blocks={blocks ?? run.blocks}
          trace={run.trace}
          cursor={cursor}
          nodes={run.graph.nodes}
          onHighlight={onHighlight}
        />
      </Suspense>
    </div>
  );
}
