import type { NestedNumber, OptionValue } from '../../../core/types';
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
  });
