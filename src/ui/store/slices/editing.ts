import type { GraphSpec, NestedNumber, OptionValue } from '../../../core/types';
import { isProblem, parseValueText } from '../values';
import type { Slice } from './deps';

/** What the learner changed about the graph on screen: options, values, objective, seed. */
export interface EditingSlice {
  /** Options as the last good run used them (URL strings are coerced by the engine). */
  options: Record<string, OptionValue>;
  /** Accepted leaf edits, by node id. */
  inputs: Record<string, NestedNumber>;
  /** What the learner typed into each value editor, kept even when it is invalid. */
  drafts: Record<string, string>;
  /** The JSON in the paste box, kept even when it is invalid. */
  pasteDraft: string;
  objective: string | undefined;
  /** Sampling seed of the last good run: the same seed gives the same trace. */
  seed: number;

  setPasteDraft(text: string): void;
  setOption(name: string, value: OptionValue): Promise<void>;
  setInput(node: string, text: string): Promise<void>;
  resetInputs(): Promise<void>;
  setObjective(name: string): Promise<void>;
  /** Reruns with another seed; the seed changes only when that run succeeds. */
  setSeed(seed: number): Promise<void>;
  /**
   * Runs the graph of the text editor (typed text, or a canvas edit about to be written into it).
   * Same graph being edited: the step, selection, options and objective carry over when they
   * still exist; value edits are dropped (the text holds the values). On failure the last good
   * run stays and the problems show, from `source` ('graph' for typed text, 'edit' for a refused
   * canvas edit, which is then not written into the text).
   */
  runEdited(spec: GraphSpec, source: 'graph' | 'edit'): Promise<boolean>;
}

export const createEditingSlice: Slice<EditingSlice> =
  ({ init, runner }) =>
  (set, get) => ({
    options: {},
    inputs: {},
    drafts: {},
    pasteDraft: '',
    objective: undefined,
    seed: init.seed ?? 0,

    setPasteDraft: (text) => set({ pasteDraft: text }),

    async setOption(name, value) {
      const c = runner.current();
      if (c) await runner.recompute({ ...c, options: { ...c.options, [name]: value } }, 'option');
    },

    async setInput(node, text) {
      set({ drafts: { ...get().drafts, [node]: text } });
      const parsed = parseValueText(node, text);
      if (isProblem(parsed)) {
        set({ problems: [parsed], problemSource: 'value' });
        return;
      }
      const c = runner.current();
      if (!c) return;
      const ok = await runner.recompute({ ...c, inputs: { ...c.inputs, [node]: parsed.value } }, 'value');
      if (ok) {
        const { [node]: _, ...rest } = get().drafts;
        set({ drafts: rest });
      }
    },

    async resetInputs() {
      const c = runner.current();
      if (c) await runner.recompute({ ...c, inputs: {} }, 'value', { extra: { drafts: {} } });
    },

    async setObjective(name) {
      const c = runner.current();
      if (c) await runner.recompute({ ...c, objective: name }, 'option');
    },

    async setSeed(seed) {
      const c = runner.current();
      if (!c || !Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) return;
      await runner.recompute({ ...c, seed }, 'option');
    },

    runEdited(spec, source) {
      const s = get();
      const declared = new Map((spec.options ?? []).map((o) => [o.name, o.values]));
      const options = Object.fromEntries(
        Object.entries(s.options).filter(([k, v]) => declared.get(k)?.some((x) => String(x) === String(v))),
      );
      const objective = s.objective !== undefined && spec.objectives.some((o) => o.name === s.objective) ? s.objective : undefined;
      // A first text run replaces whatever was on screen: a new graph (fresh folds, step 0).
      const newGraph = !(s.source?.kind === 'spec' && s.source.src === undefined);
      return runner.recompute(
        { source: { kind: 'spec', spec }, options, inputs: {}, objective, seed: s.seed },
        source,
        newGraph ? { newGraph, extra: { cursor: 0, selected: null, drafts: {}, playing: false } } : { extra: { drafts: {} } },
      );
    },
  });
