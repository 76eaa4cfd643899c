import type { Problem } from '../../core/errors';
import type { NestedNumber, OptionValue } from '../../core/types';
import type { ComputeClient } from '../compute/client';
import type { GraphSource, RunRequest } from '../compute/protocol';
import { carryCursor } from '../trace/cursor';
import { defaultFolds } from './folds';
import { selectTimeline, timelineOf } from './selectors';
import type { ExplorerState, GetState, SetState } from './types';

/** Where the problems on the error panel came from (the panel says so). */
export type ProblemSource = 'graph' | 'value' | 'option' | 'file' | 'engine' | 'edit';

/** A graph's run request plus everything that asked for it: committed with its run or not at all. */
export interface Candidate {
  source: GraphSource;
  options: Record<string, OptionValue>;
  inputs: Record<string, NestedNumber>;
  objective: string | undefined;
  seed: number;
}

export interface CommitHow {
  /** A different graph: folds start from its defaults, the cursor from `extra.cursor`. */
  newGraph?: boolean;
  /** State set together with the run (cursor, selection, drafts, playing). */
  extra?: Partial<ExplorerState>;
  /** Where the engine's problems are told (a .gf file's at their line and column). */
  place?: (problems: readonly Problem[]) => Problem[];
  /** Ask for the trace first and the whole lesson after it (the first graph: RunRequest.lesson). */
  lessonLater?: boolean;
}

export interface Runner {
  /** The candidate on screen (null before the first run). */
  current(): Candidate | null;
  request(c: Candidate): RunRequest;
  /**
   * Runs a candidate; on success it and its run become the state in one `set`, on failure the
   * last good run stays and the problems go to the error panel. A newer request wins over an
   * older one finishing later. Resolves true when this candidate is on screen.
   */
  recompute(c: Candidate, onFail: ProblemSource, how?: CommitHow): Promise<boolean>;
  /** Shows problems that stopped something before any run (playback stops). */
  refuse(problems: Problem[], source: ProblemSource): void;
}

const clamp = (c: number, n: number) => Math.max(0, Math.min(n, Math.floor(c)));

export function createRunner(client: ComputeClient, set: SetState, get: GetState): Runner {
  let seq = 0;

  const request = (c: Candidate): RunRequest => ({
    source: c.source,
    options: c.options,
    inputs: Object.keys(c.inputs).length ? c.inputs : undefined,
    objective: c.objective,
    seed: c.seed,
  });

  const refuse = (problems: Problem[], source: ProblemSource) => set({ problems, problemSource: source, playing: false });

  return {
    request,
    refuse,
    current() {
      const s = get();
      return s.source ? { source: s.source, options: s.options, inputs: s.inputs, objective: s.objective, seed: s.seed } : null;
    },
    async recompute(c, onFail, { newGraph = false, extra = {}, place, lessonLater = false } = {}) {
      const my = ++seq;
      set({ requested: c, upcoming: null });
      const req = request(c);
      // A new graph's structure comes first (compiled, not run): the canvas lays it out while it runs.
      if (newGraph && client.structure)
        void client.structure(req).then((o) => {
          // (not once the run is in: a structure answered after its run has nothing left to do)
          if (my === seq && o.ok && get().requested === c) set({ upcoming: o.value });
        });
      const out = await client.run(lessonLater ? { ...req, lesson: 'later' } : req);
      if (my !== seq) return false;
      if (!out.ok) {
        set({ requested: null, upcoming: null });
        refuse(place ? place(out.problems) : out.problems, onFail);
        return false;
      }
      const run = out.value;
      const timeline = timelineOf(run);
      const s = get();
      const before = selectTimeline(s);
      const carried = !newGraph && before ? carryCursor(before.steps, s.cursor, timeline.steps) : s.cursor;
      const cursor = clamp(extra.cursor ?? carried, timeline.length);
      const selected = extra.selected !== undefined ? extra.selected : s.selected;
      set({
        ...extra,
        source: c.source,
        options: run.options,
        inputs: c.inputs,
        objective: c.objective,
        seed: c.seed,
        run,
        requested: null,
        upcoming: null,
        problems: null,
        problemSource: null,
        cursor,
        selected: selected !== null && run.graph.nodes.some((n) => n.id === selected) ? selected : null,
        outcomes: {},
        gradcheck: { status: 'idle' },
        playing: (extra.playing ?? s.playing) && cursor < timeline.length,
        ...(newGraph ? { folded: defaultFolds(run.graph) } : {}),
      });
      // The lesson's deferred checks (finite differences, training…) follow in a second message.
      void get().checkLesson();
      return true;
    },
  };
}
