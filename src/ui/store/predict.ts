import { fmt, fmtTensor } from '../../core/format';
import { MAX_GUESS_ENTRIES } from '../../core/limits';
import type { SentGrad, Step } from '../../engine/trace';

/**
 * Predict mode: before a backward step's gradients are shown, the learner guesses them —
 * a number for a scalar, a sign pattern (+ − 0, row-major) for a small tensor.
 */

/** Below this magnitude an entry counts as 0 for sign patterns (float32 noise). */
const ZERO = 1e-7;

export const guessTargets = (step: Step | null): SentGrad[] =>
  step?.phase === 'backward' ? (step.sent ?? []).filter((s) => s.grad.data.length <= MAX_GUESS_ENTRIES) : [];

export interface GuessScore {
  to: string;
  edge: string;
  kind: 'number' | 'signs';
  guess: string;
  truth: string;
  /** Scalars: |guess − truth| / max(|truth|, 1e-12). */
  relError?: number;
  /** Sign patterns: entries whose sign was right. */
  correct?: number;
  total?: number;
  /** Within 5 % (scalars) or every sign right. */
  close: boolean;
}

export type GuessOutcome = { skipped: true } | { skipped: false; scores: GuessScore[] };

const signChar = (v: number) => (Math.abs(v) < ZERO ? '0' : v > 0 ? '+' : '−');

/** Parses `+-0` patterns; accepts `-`, `−`, spaces and commas. */
export function parseSigns(text: string, n: number): string[] | string {
  // regex: what the learner typed: a sign pattern
  const chars = [...text.replace(/[\s,[\]]/g, '').replace(/-/g, '−')];
  if (chars.some((c) => !'+−0'.includes(c))) return 'use only + − 0';
  if (chars.length !== n) return `expected ${n} signs, got ${chars.length}`;
  return chars;
}

/** Scores one guess against the gradient the step sent; a string is a parse problem. */
export function scoreGuess(sent: SentGrad, text: string): GuessScore | string {
  const g = sent.grad;
  const base = { to: sent.to, edge: sent.edge, guess: text.trim() };
  if (g.data.length === 1 && g.shape.length === 0) {
    const t = g.data[0] as number;
    const trimmed = text.trim().replace('−', '-');
    const x = trimmed === '' ? Number.NaN : Number(trimmed);
    if (!Number.isFinite(x)) return 'enter a number';
    const relError = Math.abs(x - t) / Math.max(Math.abs(t), 1e-12);
    return { ...base, kind: 'number', truth: fmt(t), relError, close: relError < 0.05 };
  }
  const signs = parseSigns(text, g.data.length);
  if (typeof signs === 'string') return signs;
  const truth = Array.from(g.data, signChar);
  const correct = truth.filter((c, i) => c === signs[i]).length;
  return {
    ...base,
    kind: 'signs',
    truth: `${truth.join('')}  ${fmtTensor(g)}`,
    correct,
    total: truth.length,
    close: correct === truth.length,
  };
}
