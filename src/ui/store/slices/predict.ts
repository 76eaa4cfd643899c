import { type GuessOutcome, type GuessScore, guessTargets, scoreGuess } from '../predict';
import { selectStep } from '../selectors';
import type { Slice } from './deps';

/** Predict mode: the learner guesses a backward step's gradients before seeing them. */
export interface PredictSlice {
  predict: boolean;
  /** Guesses made in predict mode, by step index. */
  outcomes: Record<number, GuessOutcome>;

  setPredict(on: boolean): void;
  /** Scores the guesses for the step just done (by target edge); returns parse problems. */
  guess(texts: Record<string, string>): Record<string, string>;
  /** Shows the hidden gradients without a guess. */
  reveal(): void;
}

export const createPredictSlice: Slice<PredictSlice> =
  ({ init }) =>
  (set, get) => ({
    predict: init.predict ?? false,
    outcomes: {},

    setPredict: (on) => set({ predict: on, outcomes: {} }),

    guess(texts) {
      const s = get();
      const step = selectStep(s);
      const targets = guessTargets(step);
      const errors: Record<string, string> = {};
      const scores: GuessScore[] = [];
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
      const step = selectStep(s);
      if (step) set({ outcomes: { ...s.outcomes, [step.index]: { skipped: true } } });
    },
  });
