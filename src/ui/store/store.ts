import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Problem } from '../../core/errors';
import type { NestedNumber, OptionValue } from '../../core/types';
import type { ComputeClient } from '../compute/client';
import type { EngineMemory, ExerciseInfo, GradcheckReport, GraphSource, RunRequest, RunResult } from '../compute/protocol';
import { fetchGraph } from '../load/remote';
import { type Loaded, parseGraphText } from '../load/text';
import { buildTimeline, type Timeline } from '../trace/timeline';
import { defaultFolds } from './folds';
import { type GuessOutcome, guessTargets, scoreGuess } from './predict';
import { isProblem, parseValueText } from './values';

/** Where the problems on the error panel came from (the panel says so). */
export type ProblemSource = 'graph' | 'value' | 'option' | 'file' | 'engine';

export interface GradcheckState {
  status: 'idle' | 'running' | 'done' | 'error';
  report?: GradcheckReport;
  problems?: Problem[];
}

export interface ExplorerState {
  /** Bundled exercises (null until the engine has loaded). */
  catalogue: ExerciseInfo[] | null;
  /** The graph on screen: its source only changes once a run of it succeeded. */
  source: GraphSource | null;
  graphId: string | null;
  /** Options as requested (URL strings are coerced by the engine). */
  options: Record<string, OptionValue>;
  /** Accepted leaf edits, by node id. */
  inputs: Record<string, NestedNumber>;
  /** What the learner typed into each value editor, kept even when it is invalid. */
  drafts: Record<string, string>;
  /** The JSON in the paste box, kept even when it is invalid. */
  pasteDraft: string;
  objective: string | undefined;
  seed: number;
  /** The last good run: stays on screen while a bad edit is shown in the error panel. */
  run: RunResult | null;
  timeline: Timeline | null;
  busy: boolean;
  problems: Problem[] | null;
  problemSource: ProblemSource | null;
  /** 0 = nothing done; N = every step done. */
  cursor: number;
  playing: boolean;
  /** Steps per second while playing. */
  speed: number;
  selected: string | null;
  /** Folded groups by id. */
  folded: Record<string, boolean>;
  predict: boolean;
  /** Guesses made in predict mode, by step index. */
  outcomes: Record<number, GuessOutcome>;
  presenter: boolean;
  /** Nodes a lesson panel asks the canvas to light up. */
  highlight: string[] | null;
  gradcheck: GradcheckState;

  init(): Promise<void>;
  /** Resolves true when the graph is on screen, false when the error panel shows why not. */
  loadGraph(
    id: string,
    o?: { options?: Record<string, OptionValue>; step?: number; node?: string | null; objective?: string },
  ): Promise<boolean>;
  loadSpec(spec: unknown): Promise<boolean>;
  /** Parses a graph file's text (JSON) and loads it; size, empty and parse errors go to the error panel. */
  loadSpecText(text: string, name?: string): Promise<void>;
  /**
   * Loads a graph from a `?src=` link: same origin only, size-limited. Applied once the first
   * graph has loaded, so a refused link leaves that graph on screen under the error panel.
   */
  loadUrl(src: string): Promise<boolean>;
  /** The compute side's live tensors (null when the client cannot tell). */
  engineMemory(): Promise<EngineMemory | null>;
  setPasteDraft(text: string): void;
  setOption(name: string, value: OptionValue): Promise<void>;
  setInput(node: string, text: string): Promise<void>;
  resetInputs(): Promise<void>;
  setObjective(name: string): Promise<void>;
  /** Sampling seed of stochastic nodes: the same seed gives the same trace. */
  setSeed(seed: number): Promise<void>;
  next(): void;
  prev(): void;
  first(): void;
  last(): void;
  seek(cursor: number): void;
  play(): void;
  pause(): void;
  /** One playback tick: waits at an unguessed step in predict mode, stops at the end. */
  tick(): void;
  setSpeed(stepsPerSecond: number): void;
  select(node: string | null): void;
  toggleFold(group: string): void;
  setPredict(on: boolean): void;
  /** Scores the guesses for the step just done (by target node); returns parse problems. */
  guess(texts: Record<string, string>): Record<string, string>;
  /** Shows the hidden gradients without a guess. */
  reveal(): void;
  setPresenter(on: boolean): void;
  setHighlight(ids: string[] | null): void;
  checkGradients(): Promise<void>;
  dismissProblems(): void;
}

export interface ExplorerInit {
  graph?: string;
  spec?: unknown;
  options?: Record<string, OptionValue>;
  step?: number;
  node?: string;
  objective?: string;
  seed?: number;
  present?: boolean;
  predict?: boolean;
  speed?: number;
}

export type ExplorerStore = StoreApi<ExplorerState>;

/** The first exercise is where a newcomer lands. */
const DEFAULT_GRAPH = 'ex01-scalar-chain-rule';

const clamp = (c: number, n: number) => Math.max(0, Math.min(n, Math.floor(c)));

/** A graph's run plus everything that requested it; committed together or not at all. */
interface Candidate {
  source: GraphSource;
  options: Record<string, OptionValue>;
  inputs: Record<string, NestedNumber>;
  objective: string | undefined;
}

/**
 * One explorer's state. A factory, so every embed (and every story, every test) gets its own.
 * The compute client is injected: a Web Worker in the app, the main thread in tests.
 */
export function createExplorerStore(client: ComputeClient, init: ExplorerInit = {}): ExplorerStore {
  let seq = 0;
  /** The running or finished init(): a `?src=` graph waits for it. */
  let initialising: Promise<void> | null = null;

  return createStore<ExplorerState>()((set, get) => {
    const request = (c: Candidate): RunRequest => ({
      source: c.source,
      options: c.options,
      inputs: Object.keys(c.inputs).length ? c.inputs : undefined,
      objective: c.objective,
      seed: get().seed,
    });

    /**
     * Runs a candidate; on success it becomes the state, on failure the last good run stays.
     * `newGraph`: a different graph, so folds start from its defaults.
     */
    const recompute = async (
      c: Candidate,
      onFail: ProblemSource,
      extra: Partial<ExplorerState> = {},
      newGraph = false,
    ): Promise<boolean> => {
      const my = ++seq;
      set({ busy: true });
      const out = await client.run(request(c));
      if (my !== seq) return false;
      if (!out.ok) {
        set({ busy: false, problems: out.problems, problemSource: onFail, playing: false });
        return false;
      }
      const run = out.value;
      const timeline = buildTimeline(run.trace, run.graph);
      const s = get();
      const cursor = clamp(extra.cursor ?? s.cursor, timeline.length);
      const selected = extra.selected !== undefined ? extra.selected : s.selected;
      set({
        ...extra,
        source: c.source,
        graphId: run.graph.id,
        options: run.options,
        inputs: c.inputs,
        objective: c.objective,
        run,
        timeline,
        busy: false,
        problems: null,
        problemSource: null,
        cursor,
        selected: selected !== null && run.graph.nodes.some((n) => n.id === selected) ? selected : null,
        outcomes: {},
        gradcheck: { status: 'idle' },
        playing: (extra.playing ?? s.playing) && cursor < timeline.length,
        ...(newGraph ? { folded: defaultFolds(run.graph) } : {}),
      });
      return true;
    };

    const current = (): Candidate | null => {
      const s = get();
      return s.source ? { source: s.source, options: s.options, inputs: s.inputs, objective: s.objective } : null;
    };

    const loadSource = (source: GraphSource) =>
      recompute(
        { source, options: {}, inputs: {}, objective: undefined },
        'file',
        { cursor: 0, selected: null, drafts: {}, playing: false },
        true,
      );

    /** Shows a refused file's problem; true when there was one. */
    const showFileProblem = (r: Loaded<unknown>): r is { ok: false; problem: Problem } => {
      if (r.ok) return false;
      set({ problems: [r.problem], problemSource: 'file', playing: false });
      return true;
    };

    const initialise = async () => {
      const cat = await client.catalogue();
      if (!cat.ok) {
        set({ problems: cat.problems, problemSource: 'engine' });
        return;
      }
      set({ catalogue: cat.value });
      if (init.spec !== undefined) {
        await get().loadSpec(init.spec);
        return;
      }
      const wanted = init.graph ?? (cat.value.some((e) => e.id === DEFAULT_GRAPH) ? DEFAULT_GRAPH : cat.value[0]?.id);
      if (!wanted) return;
      const ok = await get().loadGraph(wanted, {
        options: init.options,
        step: init.step,
        node: init.node ?? null,
        objective: init.objective,
      });
      // A link to a known graph with a bad option still shows that graph, with its defaults, under
      // the error panel. An unknown id shows only the error: never a different graph.
      if (!ok && !get().run && init.graph && cat.value.some((e) => e.id === init.graph)) {
        const problems = get().problems;
        await get().loadGraph(init.graph);
        if (problems) set({ problems, problemSource: 'graph' });
      }
    };

    const move = (cursor: number) => {
      const n = get().timeline?.length ?? 0;
      set({ cursor: clamp(cursor, n) });
    };

    return {
      catalogue: null,
      source: null,
      graphId: null,
      options: {},
      inputs: {},
      drafts: {},
      pasteDraft: '',
      objective: undefined,
      seed: init.seed ?? 0,
      run: null,
      timeline: null,
      busy: false,
      problems: null,
      problemSource: null,
      cursor: init.step ?? 0,
      playing: false,
      speed: init.speed ?? 3,
      selected: init.node ?? null,
      folded: {},
      predict: init.predict ?? false,
      outcomes: {},
      presenter: init.present ?? false,
      highlight: null,
      gradcheck: { status: 'idle' },

      init() {
        initialising = initialise();
        return initialising;
      },

      loadGraph(id, o = {}) {
        return recompute(
          { source: { kind: 'exercise', id }, options: o.options ?? {}, inputs: {}, objective: o.objective },
          'graph',
          {
            cursor: o.step ?? 0,
            selected: o.node ?? null,
            drafts: {},
            playing: false,
          },
          true,
        );
      },

      loadSpec: (spec) => loadSource({ kind: 'spec', spec }),

      async loadSpecText(text, name = 'pasted JSON') {
        const parsed = parseGraphText(text, name);
        if (showFileProblem(parsed)) return;
        await loadSource({ kind: 'spec', spec: parsed.value });
      },

      async loadUrl(src) {
        const parsed = await fetchGraph(src, location.href);
        await initialising;
        if (showFileProblem(parsed)) return false;
        return loadSource({ kind: 'spec', spec: parsed.value, src });
      },

      async engineMemory() {
        const out = await client.memory?.();
        return out?.ok ? out.value : null;
      },

      setPasteDraft: (text) => set({ pasteDraft: text }),

      async setOption(name, value) {
        const c = current();
        if (!c) return;
        await recompute({ ...c, options: { ...c.options, [name]: value } }, 'option');
      },

      async setInput(node, text) {
        set({ drafts: { ...get().drafts, [node]: text } });
        const parsed = parseValueText(node, text);
        if (isProblem(parsed)) {
          set({ problems: [parsed], problemSource: 'value' });
          return;
        }
        const c = current();
        if (!c) return;
        const ok = await recompute({ ...c, inputs: { ...c.inputs, [node]: parsed.value } }, 'value');
        if (ok) {
          const { [node]: _, ...rest } = get().drafts;
          set({ drafts: rest });
        }
      },

      async resetInputs() {
        const c = current();
        if (!c) return;
        await recompute({ ...c, inputs: {} }, 'value', { drafts: {} });
      },

      async setObjective(name) {
        const c = current();
        if (!c) return;
        await recompute({ ...c, objective: name }, 'option');
      },

      async setSeed(seed) {
        const c = current();
        if (!c || !Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) return;
        set({ seed });
        await recompute(c, 'option');
      },

      next: () => move(get().cursor + 1),
      prev: () => move(get().cursor - 1),
      first: () => move(0),
      last: () => move(get().timeline?.length ?? 0),
      seek: (c) => move(c),
      play() {
        const s = get();
        const n = s.timeline?.length ?? 0;
        if (n === 0) return;
        set({ playing: true, cursor: s.cursor >= n ? 0 : s.cursor });
      },
      pause: () => set({ playing: false }),
      tick() {
        const s = get();
        const n = s.timeline?.length ?? 0;
        if (!s.playing) return;
        if (selectHidden(s)) {
          set({ playing: false });
          return;
        }
        const cursor = clamp(s.cursor + 1, n);
        set({ cursor, playing: cursor < n });
      },
      setSpeed: (speed) => set({ speed: Math.max(0.25, Math.min(30, speed)) }),
      select: (node) => set({ selected: node }),
      toggleFold: (group) => set({ folded: { ...get().folded, [group]: !get().folded[group] } }),
      setPredict: (on) => set({ predict: on, outcomes: {} }),

      guess(texts) {
        const s = get();
        const step = s.timeline?.stepAt(s.cursor) ?? null;
        const targets = guessTargets(step);
        const errors: Record<string, string> = {};
        const scores = [];
        for (const t of targets) {
          const r = scoreGuess(t, texts[t.edge] ?? '');
          if (typeof r === 'string') errors[t.edge] = r;
          else scores.push(r);
        }
        if (step && targets.length && Object.keys(errors).length === 0) {
          set({ outcomes: { ...s.outcomes, [step.index]: { skipped: false, scores } } });
        }
        return errors;
      },

      reveal() {
        const s = get();
        const step = s.timeline?.stepAt(s.cursor);
        if (step) set({ outcomes: { ...s.outcomes, [step.index]: { skipped: true } } });
      },

      setPresenter: (on) => set({ presenter: on }),
      setHighlight: (ids) => set({ highlight: ids?.length ? ids : null }),

      async checkGradients() {
        const c = current();
        if (!c) return;
        set({ gradcheck: { status: 'running' } });
        const runAt = get().run;
        const out = await client.gradcheck(request(c));
        if (get().run !== runAt) return;
        set({ gradcheck: out.ok ? { status: 'done', report: out.value } : { status: 'error', problems: out.problems } });
      },

      dismissProblems: () => set({ problems: null, problemSource: null }),
    };
  });
}

/** True when predict mode hides the gradients the step just done sent (no guess yet). */
export function selectHidden(s: Pick<ExplorerState, 'predict' | 'timeline' | 'cursor' | 'outcomes'>): boolean {
  if (!s.predict || !s.timeline) return false;
  const step = s.timeline.stepAt(s.cursor);
  if (!step || guessTargets(step).length === 0) return false;
  return s.outcomes[step.index] === undefined;
}
