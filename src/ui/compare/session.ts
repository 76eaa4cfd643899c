import { canvasViewOf } from '../canvas/viewState';
import type { ComputeClient } from '../compute/client';
import type { RunResult } from '../compute/protocol';
import { createExplorerStore } from '../store';
import { selectTimeline } from '../store/selectors';
import type { ExplorerState, ExplorerStore } from '../store/types';
import { shareScale } from '../trace/sharedScale';
import type { Timeline } from '../trace/timeline';
import { type Alignment, alignSteps } from './align';
import type { CompareStore } from './state';

const alignments = new WeakMap<RunResult, WeakMap<RunResult, Alignment>>();

/** A's steps aligned with B's (align.ts), once per pair of runs. */
export function alignmentOf(a: RunResult, b: RunResult): Alignment {
  let inner = alignments.get(a);
  if (!inner) {
    inner = new WeakMap();
    alignments.set(a, inner);
  }
  let al = inner.get(b);
  if (!al) {
    al = alignSteps(a.trace.steps, b.trace.steps);
    inner.set(b, al);
  }
  return al;
}

/** What pane B must run: A's graph, values, objective and seed, with the compare options over A's. */
interface Wanted {
  source: NonNullable<ExplorerState['source']>;
  options: ExplorerState['options'];
  inputs: ExplorerState['inputs'];
  objective: ExplorerState['objective'];
  seed: number;
}

const sameWanted = (x: Wanted | null, y: Wanted) =>
  x !== null &&
  x.source === y.source &&
  JSON.stringify(x.options) === JSON.stringify(y.options) &&
  x.inputs === y.inputs &&
  x.objective === y.objective &&
  x.seed === y.seed;

/**
 * Runs compare mode for explorer `a`: starts pane B's store on the same compute client, keeps its
 * run following A's graph, values and options (+ the compare options), and its cursor on the step
 * aligned with A's (one scrubber: A's keys and step bar move both). Returns the stop function.
 */
export function startCompare(a: ExplorerStore, cmp: CompareStore, client: ComputeClient): () => void {
  const b = createExplorerStore(client, { present: a.getState().presenter });
  cmp.setState({ b });
  let wanted: Wanted | null = null;
  let live = true;

  const rerun = async (w: Wanted) => {
    const sb = b.getState();
    if (sb.source !== w.source) {
      const ok =
        w.source.kind === 'exercise'
          ? await sb.loadGraph(w.source.id, { options: w.options, objective: w.objective })
          : await sb.loadSpec(w.source.spec);
      if (!ok || !live) return;
      const now = b.getState();
      const done = now.source === w.source && JSON.stringify(now.options) === JSON.stringify(w.options) && now.objective === w.objective;
      if (done && Object.keys(w.inputs).length === 0 && now.seed === w.seed) return;
    }
    // Same graph: one run with the wanted options, values, objective and seed.
    b.setState({ options: { ...w.options }, inputs: w.inputs, objective: w.objective });
    await b.getState().setSeed(w.seed);
  };

  const follow = () => {
    const sa = a.getState();
    const c = cmp.getState();
    if (!live || !sa.run || !sa.source || c.options === null) return;
    if (c.graph === null) cmp.setState({ graph: sa.run.graph.id });
    else if (c.graph !== sa.run.graph.id) {
      cmp.getState().close();
      return;
    }
    const w: Wanted = {
      source: sa.source,
      options: { ...sa.options, ...c.options },
      inputs: sa.inputs,
      objective: sa.objective,
      seed: sa.seed,
    };
    if (sameWanted(wanted, w)) return;
    wanted = w;
    b.setState({ seed: w.seed });
    void rerun(w);
  };

  // Both panes draw on one colour scale: the pair's largest gradient (trace/sharedScale.ts).
  let paired: [Timeline | null, Timeline | null] = [null, null];
  let unpair = () => {};
  const pair = (ta: Timeline | null, tb: Timeline | null) => {
    if (paired[0] === ta && paired[1] === tb) return;
    const was = paired[0] !== null && paired[1] !== null;
    unpair();
    unpair = () => {};
    paired = [ta, tb];
    if (ta && tb) unpair = shareScale(ta, tb);
    else if (!was) return; // nothing was shared and nothing is: no scale changed
    // the encodings are read by selectors: a new state makes both canvases read the new scale
    a.setState({});
    b.setState({});
  };

  /** B's cursor, folds and presenter mode follow A's. */
  const sync = () => {
    const sa = a.getState();
    const sb = b.getState();
    pair(selectTimeline(sa), selectTimeline(sb));
    if (!sa.run || !sb.run) return;
    const cursor = alignmentOf(sa.run, sb.run).cursorOf(sa.cursor);
    const groups = new Set(sb.run.graph.groups.map((g) => g.id));
    const folded = Object.fromEntries(Object.entries(sa.folded).filter(([g]) => groups.has(g)));
    const patch: Partial<ExplorerState> = {};
    if (sb.cursor !== cursor) patch.cursor = cursor;
    if (sb.playing) patch.playing = false;
    if (sb.presenter !== sa.presenter) patch.presenter = sa.presenter;
    if (Object.entries(folded).some(([g, f]) => sb.folded[g] !== f)) patch.folded = { ...sb.folded, ...folded };
    if (Object.keys(patch).length) b.setState(patch);
  };

  // The projector theme of B follows A's.
  const viewA = canvasViewOf(a);
  const viewB = canvasViewOf(b);
  const theme = () => {
    if (viewB.getState().theme !== viewA.getState().theme) viewB.getState().setTheme(viewA.getState().theme);
  };

  const unsubs = [a.subscribe(follow), cmp.subscribe(follow), a.subscribe(sync), b.subscribe(sync), viewA.subscribe(theme)];
  theme();
  follow();
  sync();
  return () => {
    live = false;
    for (const u of unsubs) u();
    pair(null, null);
    if (cmp.getState().b === b) cmp.setState({ b: null });
  };
}
