import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { FlowCanvas } from '../canvas/FlowCanvas';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { ErrorPanel } from '../common/ErrorPanel';
import { clientOf } from '../store';
import { ExplorerProvider, useExplorerStore } from '../store/context';
import type { ExplorerStore } from '../store/types';
import { CompareBar } from './CompareBar';
import { Pane } from './Pane';
import { StepA, StepB } from './StepStatus';
import { startCompare } from './session';
import { compareOf } from './state';
import { type PaneLevels, SharedZoomLevel, usePaneLevels } from './zoomLevel';

// The ratio view draws with React Flow and d3: loaded when it is first shown, not with the app shell.
const RatioView = lazy(() => import('./RatioView').then((m) => ({ default: m.RatioView })));

function PaneB({ a, b, levels }: { a: ExplorerStore; b: ExplorerStore; levels: StoreApi<PaneLevels> }) {
  const key = useStore(b, (s) => s.run?.graph.structureKey ?? 'none');
  const ran = useStore(b, (s) => s.run !== null);
  // B's options refused (a link's unknown value): its error panel says why, not "computing".
  const refused = useStore(b, (s) => s.run === null && s.requested === null && s.problems !== null);
  return (
    <Pane side="B" store={b} other={a} status={<StepB a={a} b={b} />}>
      <ExplorerProvider store={b}>
        <ErrorPanel />
        {ran ? (
          <ErrorBoundary resetKey={key} label="pane B">
            <SharedZoomLevel levels={levels} side="B">
              <FlowCanvas />
            </SharedZoomLevel>
          </ErrorBoundary>
        ) : (
          <p className="gf-compare__message">{refused ? 'Pane B did not run: see the problem above.' : 'Computing pane B…'}</p>
        )}
      </ExplorerProvider>
    </Pane>
  );
}

/**
 * The explorer's canvas, or in compare mode the comparison: two synced panes (A = `children`, the
 * explorer's own canvas; B = the same graph under the compare options) or the ratio view. The
 * step bar below stays A's: one scrubber, and B follows it (session.ts).
 */
export function CompareStage({ children }: { children: ReactNode }) {
  const a = useExplorerStore();
  const cmp = compareOf(a);
  const on = useStore(cmp, (s) => s.options !== null);
  const view = useStore(cmp, (s) => s.view);
  const b = useStore(cmp, (s) => s.b);
  const levels = usePaneLevels();
  useEffect(() => {
    const client = clientOf(a);
    if (!on || !client) return;
    return startCompare(a, cmp, client);
  }, [on, a, cmp]);
  if (!on) return children;
  return (
    <div className={`gf-compare gf-compare--${view}`} data-testid="compare" data-view={view}>
      <CompareBar a={a} cmp={cmp} />
      {!b ? (
        <p className="gf-compare__message">Starting pane B…</p>
      ) : view === 'ratio' ? (
        <Suspense fallback={<p className="gf-compare__message">Loading the ratio view…</p>}>
          <RatioView a={a} b={b} />
        </Suspense>
      ) : (
        <div className="gf-compare__panes">
          <Pane side="A" store={a} other={b} status={<StepA a={a} />}>
            <SharedZoomLevel levels={levels} side="A">
              {children}
            </SharedZoomLevel>
          </Pane>
          <PaneB a={a} b={b} levels={levels} />
        </div>
      )}
    </div>
  );
}
