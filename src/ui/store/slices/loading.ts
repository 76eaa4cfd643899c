import type { Problem } from '../../../core/errors';
import type { Loaded } from '../../../core/load';
import type { OptionValue } from '../../../core/types';
import type { EngineMemory, ExerciseInfo, GraphSource, GraphStructure, Outcome, RunResult } from '../../compute/protocol';
import { fetchGraph } from '../../load/remote';
import type { Candidate, CommitHow, ProblemSource } from '../commit';
import type { Slice } from './deps';

/** Which graph is on screen, its last good run, and what stopped the last attempt. */
export interface LoadingSlice {
  /** Bundled exercises (null until the engine has loaded). */
  catalogue: ExerciseInfo[] | null;
  /** The graph on screen: its source only changes once a run of it succeeded. */
  source: GraphSource | null;
  /** The last good run: stays on screen while a bad edit is shown in the error panel. */
  run: RunResult | null;
  /** The candidate being computed, null when nothing is in flight (`selectBusy`). */
  requested: Candidate | null;
  /**
   * The structure of the new graph being computed, once the engine compiled it (before its run):
   * the canvas lays it out meanwhile. Never drawn; null again once the run is in (or refused).
   */
  upcoming: GraphStructure | null;
  problems: Problem[] | null;
  problemSource: ProblemSource | null;

  init(): Promise<void>;
  /** Resolves true when the graph is on screen, false when the error panel shows why not. */
  loadGraph(
    id: string,
    o?: {
      options?: Record<string, OptionValue>;
      step?: number;
      node?: string | null;
      objective?: string;
      /** The graph first, its whole lesson after (the app's first graph: CommitHow.lessonLater). */
      lessonLater?: boolean;
    },
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
  dismissProblems(): void;
}

/** The graph-file loader (with the .gf parser): loaded with the first file, not with the app shell. */
let fileLoader: typeof import('../../../core/load') | null = null;
const loadFileLoader = () =>
  import('../../../core/load').then((m) => {
    fileLoader = m;
    return m;
  });

/** A catalogue, or the reply that will bring it. */
type CatalogueLike = readonly { id: string }[] | Promise<Outcome<ExerciseInfo[]>>;

/** The first exercise is where a newcomer lands. */
export const DEFAULT_GRAPH = 'ex01-scalar-chain-rule';

/** A new graph starts at step 0, nothing selected, nothing typed, not playing. */
const FRESH = { cursor: 0, selected: null, drafts: {}, playing: false } as const;

export const createLoadingSlice: Slice<LoadingSlice> =
  ({ client, init, runner }) =>
  (set, get) => {
    /** The running or finished init(): a `?src=` graph waits for it. */
    let initialising: Promise<void> | null = null;

    const loadSource = (source: GraphSource, place?: CommitHow['place']) =>
      runner.recompute({ source, options: {}, inputs: {}, objective: undefined, seed: get().seed }, 'file', {
        newGraph: true,
        extra: FRESH,
        place,
      });

    /** Shows a refused file's problem; true when there was one. */
    const refused = (r: Loaded<unknown>): r is { ok: false; problem: Problem } => {
      if (r.ok) return false;
      runner.refuse([r.problem], 'file');
      return true;
    };

    const initialise = async () => {
      // The first graph's structure and run go out before the catalogue (exercise titles for the
      // sidebar, not on the first graph's path): the worker answers its messages in order.
      // (openFirst reads the catalogue only after its run has failed, so `listed` exists by then.)
      const first =
        init.spec !== undefined
          ? get().loadSpec(init.spec)
          : // A `?src=` link brings its own graph (loadUrl): laying out the first exercise meanwhile is wasted.
            init.src !== undefined && init.graph === undefined
            ? null
            : openFirst(init.graph ?? DEFAULT_GRAPH, () => listed);
      const listed = client.catalogue();
      const cat = await listed;
      if (cat.ok) set({ catalogue: cat.value });
      await first;
      if (!cat.ok) set({ problems: cat.problems, problemSource: 'engine' });
    };

    /** Ids of the bundled exercises, once the catalogue is in (none when it failed). */
    const idsOf = async (catalogue: CatalogueLike): Promise<string[]> => {
      const c = await catalogue;
      const list = !('ok' in c) ? c : c.ok ? c.value : [];
      return list.map((e) => e.id);
    };

    /**
     * Opens `wanted` (the linked exercise, else the first one a newcomer sees) without waiting
     * for the catalogue; the catalogue only decides what to do when that run failed.
     */
    const openFirst = async (wanted: string, catalogue: () => CatalogueLike) => {
      // The first graph on screen waits for its trace only: the lesson panels below fill in after.
      const ok = await get().loadGraph(wanted, {
        options: init.options,
        step: init.step,
        node: init.node ?? null,
        objective: init.objective,
        lessonLater: true,
      });
      if (ok || get().run) return;
      const known = await idsOf(catalogue());
      // A link to a known graph with a bad option still shows that graph, with its defaults, under
      // the error panel. An unknown id shows only the error: never a different graph.
      if (init.graph && known.includes(init.graph)) {
        const problems = get().problems;
        await get().loadGraph(init.graph);
        if (problems) set({ problems, problemSource: 'graph' });
        return;
      }
      // No graph asked for and the default is not bundled here: the catalogue's first.
      const fallback = known[0];
      if (!init.graph && !known.includes(wanted) && fallback !== undefined) await get().loadGraph(fallback);
    };

    return {
      catalogue: null,
      source: null,
      run: null,
      requested: null,
      upcoming: null,
      problems: null,
      problemSource: null,

      init() {
        initialising = initialise();
        return initialising;
      },

      loadGraph(id, o = {}) {
        const c = {
          source: { kind: 'exercise', id } as const,
          options: o.options ?? {},
          inputs: {},
          objective: o.objective,
          seed: get().seed,
        };
        return runner.recompute(c, 'graph', {
          newGraph: true,
          extra: { ...FRESH, cursor: o.step ?? 0, selected: o.node ?? null },
          lessonLater: o.lessonLater,
        });
      },

      loadSpec: (spec) => loadSource({ kind: 'spec', spec }),

      async loadSpecText(text, name = 'pasted JSON') {
        // Once loaded, parsing is synchronous again: a refused paste shows its problem at once.
        const { parseGraphText, placeProblems } = fileLoader ?? (await loadFileLoader());
        const parsed = parseGraphText(text, { name });
        if (refused(parsed)) return;
        // What the engine refuses in a .gf file is told at its line and column.
        await loadSource({ kind: 'spec', spec: parsed.value }, (problems) => placeProblems(text, name, problems));
      },

      async loadUrl(src) {
        const parsed = await fetchGraph(src, location.href);
        await initialising;
        // Nothing on screen yet (init waited for the link): a refused link shows the first graph under its problem.
        const fallBack = async () => {
          if (get().run) return;
          const problems = get().problems;
          const source = get().problemSource;
          await openFirst(init.graph ?? DEFAULT_GRAPH, () => get().catalogue ?? []);
          if (problems) set({ problems, problemSource: source });
        };
        if (!parsed.ok) {
          await fallBack();
          refused(parsed);
          return false;
        }
        const ok = await loadSource({ kind: 'spec', spec: parsed.value, src });
        if (!ok) await fallBack();
        return ok;
      },

      async engineMemory() {
        const out = await client.memory?.();
        return out?.ok ? out.value : null;
      },

      dismissProblems: () => set({ problems: null, problemSource: null }),
    };
  };
