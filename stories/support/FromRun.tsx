import { type ReactNode, useMemo } from 'react';
import type { RunResult } from '../../src/ui/compute/protocol';
import { useExplorer } from '../../src/ui/store/context';
import { selectBlocks } from '../../src/ui/store/slices/checks';

/**
 * Renders a lesson panel from the story store's run (the real engine on a real exercise) once it
 * is there: panels draw the numbers the engine made, never their own. Its blocks are the lesson's
 * as the explorer shows them: the quick ones with the run, the deferred ones (training,
 * estimators, Jacobians…) merged in when they arrive.
 */
export function FromRun({ children }: { children: (run: RunResult, cursor: number) => ReactNode }) {
  const run = useExplorer((s) => s.run);
  const cursor = useExplorer((s) => s.cursor);
  const blocks = useExplorer(selectBlocks);
  const shown = useMemo(() => (run && blocks ? { ...run, blocks } : run), [run, blocks]);
  return (
    <main style={{ maxWidth: 1040, padding: 8 }} data-testid="from-run">
      {/* Panels sit in LessonPanels' .gf-panels grid in the explorer: their colours are defined there. */}
      <section className="gf-panels" aria-label="Lesson panels">
        {shown ? children(shown, cursor) : <p className="gf-muted">Running the exercise…</p>}
      </section>
    </main>
  );
}
