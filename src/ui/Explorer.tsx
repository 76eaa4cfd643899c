import { lazy, type Ref, Suspense, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { A11yLayer } from './a11y/A11yLayer';
import { CanvasBarSlot } from './canvas/barSlot';
import { FlowCanvas } from './canvas/FlowCanvas';
import { Splitter } from './canvas/Splitter';
import { useCanvasKeys } from './canvas/useCanvasKeys';
import { useCanvasView } from './canvas/viewState';
import { ErrorBoundary } from './common/ErrorBoundary';
import { ErrorPanel } from './common/ErrorPanel';
import { CompareStage } from './compare/CompareStage';
import { compareOf } from './compare/state';
import type { RunResult } from './compute/protocol';
import { EditorSlot } from './editor/EditorSlot';
import { LessonSlot } from './LessonSlot';
import { GraphList } from './sidebar/GraphList';
import { Toolbar } from './sidebar/Toolbar';
import { StepBar } from './stepper/StepBar';
import { type KeyScope, usePlayback, useStepKeys } from './stepper/useKeyboard';
import type { ExplorerStore } from './store';
import { ExplorerProvider, useExplorer, useExplorerStore } from './store/context';
import { TrackBar } from './tracks/TrackBar';
import { useTrackKeys } from './tracks/useTrackKeys';

// Loaded after the canvas: not part of the first download.
const Inspector = lazy(() => import('./inspector/Inspector').then((m) => ({ default: m.Inspector })));

/**
 * How much of the explorer is shown. `full`: toolbar, step bar, lesson panels and the
 * inspector; `steps`: the canvas and the step bar (a figure to step through on a course page);
 * `none`: the canvas alone, at its step (keys still step it).
 */
export type ExplorerControls = 'full' | 'steps' | 'none';

export interface ExplorerProps {
  store: ExplorerStore;
  /**
   * Arrow/space keys. `true`/`'window'`: anywhere on the page (one explorer per page);
   * `'focus'`: only while focus is inside this explorer (several per page step independently).
   */
  keys?: boolean | 'window' | 'focus';
  /** Show the graph list (an embed of one graph hides it). */
  graphList?: boolean;
  controls?: ExplorerControls;
  /** Part of a page that has its own landmarks: no `main` of its own. */
  embedded?: boolean;
}

/**
 * The run has lesson panels, now or once its deferred part arrives. Fixed for the life of a run
 * (`deferred` and the quick blocks come with it), so the layout never changes while stepping.
 */
export const hasLessonPanels = (run: RunResult | null): boolean =>
  run !== null && (run.deferred === true || Object.keys(run.blocks).length > 0);

interface LayoutProps {
  graphList: boolean;
  controls: ExplorerControls;
  embedded: boolean;
  focusable: boolean;
  rootRef: Ref<HTMLDivElement>;
}

function Layout({ graphList, controls, embedded, focusable, rootRef }: LayoutProps) {
  const store = useExplorerStore();
  const presenter = useExplorer((s) => s.presenter);
  const selected = useExplorer((s) => s.selected !== null);
  const layoutKey = useExplorer((s) => s.run?.graph.structureKey ?? 'none');
  const title = useExplorer((s) => s.run?.graph.title ?? 'graph');
  const theme = useCanvasView((v) => v.theme);
  const lessons = useCanvasView((v) => v.lessons);
  const share = useCanvasView((v) => v.lessonShare);
  const hasLesson = useExplorer((s) => hasLessonPanels(s.run));
  const full = controls === 'full';
  // Presenter mode puts the lesson panels beside the canvas (never below the fold). Whether the
  // column is there is decided by the run alone, never by what the panels draw once loaded: the
  // deferred part of a lesson (or the panels' own chunk) arriving must not narrow the canvas.
  const beside = full && presenter && lessons && hasLesson;
  const inspector = full && (!presenter || selected);
  const cls = [
    'gf-app',
    `gf-app--controls-${controls}`,
    embedded ? 'gf-app--embedded' : '',
    presenter ? 'is-presenter' : '',
    graphList && full && !presenter ? '' : 'no-list',
    inspector ? '' : 'no-inspector',
    `gf-theme--${theme}`,
  ]
    .filter(Boolean)
    .join(' ');
  const Main = embedded ? 'div' : 'main';
  // Presenter mode: the lecture track's bar sits at the end of the canvas bar, not in a row of its own;
  // while comparing, pane A's bar is half as wide and has no room for it, so it takes its own row.
  const comparing = useStore(compareOf(store), (c) => c.options !== null);
  const trackInBar = full && presenter && !comparing;
  const trackBar = useMemo(() => <TrackBar />, []);
  return (
    <div
      ref={rootRef}
      className={cls}
      data-testid="explorer"
      // An embed is one focus stop: Tab to it (or click it), then → ← Space Home End step it.
      {...(focusable
        ? {
            tabIndex: 0,
            role: 'group',
            'aria-label': `gradflow explorer: ${title}`,
            'aria-keyshortcuts': 'ArrowRight ArrowLeft Home End Space',
          }
        : {})}
    >
      {graphList && full && !presenter && <GraphList />}
      <Main
        className={`gf-main${beside ? ' gf-main--beside' : ''}`}
        style={beside && share !== null ? ({ '--gf-lesson-share': `${Math.round(share * 1000) / 10}%` } as React.CSSProperties) : undefined}
      >
        <div className="gf-stage">
          <CanvasBarSlot store={store} node={trackInBar ? trackBar : null}>
            {full && <Toolbar />}
            {full && <EditorSlot />}
            <ErrorPanel />
            <CompareStage>
              <ErrorBoundary resetKey={layoutKey} label="canvas">
                <FlowCanvas />
              </ErrorBoundary>
            </CompareStage>
          </CanvasBarSlot>
          {controls !== 'none' && !trackInBar && trackBar}
          {controls !== 'none' && <StepBar />}
          <A11yLayer controls={controls} />
        </div>
        {beside && <Splitter />}
        {full && lessons && (!presenter || beside) && (
          <ErrorBoundary resetKey={layoutKey} label="lesson panels">
            <LessonSlot />
          </ErrorBoundary>
        )}
      </Main>
      {inspector && (
        <Suspense fallback={null}>
          <Inspector />
        </Suspense>
      )}
    </div>
  );
}

/** One explorer: its own store, keys and playback. Several may share a page. */
export function Explorer({ store, keys = true, graphList = true, controls = 'full', embedded = false }: ExplorerProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const scope: KeyScope | false = keys === 'focus' ? rootRef : keys ? 'window' : false;
  useTrackKeys(store, scope);
  useStepKeys(store, scope);
  useCanvasKeys(store, scope);
  usePlayback(store);
  return (
    <ExplorerProvider store={store}>
      <Layout graphList={graphList} controls={controls} embedded={embedded} focusable={keys === 'focus'} rootRef={rootRef} />
    </ExplorerProvider>
  );
}
