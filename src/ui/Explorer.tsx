import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './canvas/Canvas';
import { ErrorBoundary } from './common/ErrorBoundary';
import { ErrorPanel } from './common/ErrorPanel';
import { Inspector } from './inspector/Inspector';
import { LessonSlot } from './LessonSlot';
import { GraphList } from './sidebar/GraphList';
import { Toolbar } from './sidebar/Toolbar';
import { StepBar } from './stepper/StepBar';
import { usePlayback, useStepKeys } from './stepper/useKeyboard';
import { ExplorerProvider, useExplorer } from './store/context';
import type { ExplorerStore } from './store/store';

export interface ExplorerProps {
  store: ExplorerStore;
  /** Global arrow/space keys (one explorer per page should have them). */
  keys?: boolean;
  /** Show the graph list (an embed of one graph hides it). */
  graphList?: boolean;
}

function Layout({ graphList }: { graphList: boolean }) {
  const presenter = useExplorer((s) => s.presenter);
  const selected = useExplorer((s) => s.selected !== null);
  const layoutKey = useExplorer((s) => s.run?.graph.structureKey ?? 'none');
  const cls = [
    'gf-app',
    presenter ? 'is-presenter' : '',
    graphList && !presenter ? '' : 'no-list',
    presenter && !selected ? 'no-inspector' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls} data-testid="explorer">
      {graphList && !presenter && <GraphList />}
      <main className="gf-main">
        <div className="gf-stage">
          <Toolbar />
          <ErrorPanel />
          <ErrorBoundary resetKey={layoutKey} label="canvas">
            <ReactFlowProvider>
              <Canvas />
            </ReactFlowProvider>
          </ErrorBoundary>
          <StepBar />
        </div>
        <ErrorBoundary resetKey={layoutKey} label="lesson panels">
          <LessonSlot />
        </ErrorBoundary>
      </main>
      {(!presenter || selected) && <Inspector />}
    </div>
  );
}

/** One explorer: its own store, keys and playback. Several may share a page. */
export function Explorer({ store, keys = true, graphList = true }: ExplorerProps) {
  useStepKeys(store, keys);
  usePlayback(store);
  return (
    <ExplorerProvider store={store}>
      <Layout graphList={graphList} />
    </ExplorerProvider>
  );
}
