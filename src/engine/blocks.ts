import type { Program } from '../core/compile';
import type { Trace } from './trace';

/**
 * The typed lesson blocks: what a lesson hands the UI beside the trace. Every panel reads its
 * meaning from these fields; nothing is inferred from node ids, labels or key names.
 */

/** How a line's numbers were obtained: the engine's reverse pass, or finite differences of the forward pass. */
export type SeriesMethod = 'engine' | 'finite-differences';

export interface SeriesLine {
  label: string;
  y: number[];
  method: SeriesMethod;
  /** Lines of one quantity (an engine line and its finite-difference check) share a colour. Default: the label. */
  quantity?: string;
}

/** A curve for a lesson panel: y over x, one or more lines. */
export interface Series {
  title: string;
  xLabel: string;
  yLabel: string;
  logY?: boolean;
  x: number[];
  lines: SeriesLine[];
}

/** An SGD run for a loss-curve panel; several runs share one chart (LoRA vs full). */
export interface Training {
  lr: number;
  steps: number;
  runs: { label: string; losses: number[] }[];
}

/** A small table (memory of P for T = 512…32768, parameter counts…). */
export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

/** A named number with its display label. */
export interface Fact {
  label: string;
  value: number;
}

/** Live layer activations step by step, as the engine counted them. */
export interface MemoryBlock {
  /** live[k] = activations held after steps[0..k−1]; live[0] = 0; one more entry than steps. */
  live: number[];
  peak: number;
  /** First k where the peak is reached. */
  peakAt: number;
  /** Reference levels drawn as dashed lines (this trace's peak, the peak without checkpointing). */
  marks: Fact[];
  /** Numbers listed under the chart. */
  facts: Fact[];
}

/** One gradient estimator's per-sample values (subsampled for a histogram) and its moments. */
export interface Estimator {
  /** Stable key (`reinforce`). */
  name: string;
  /** Display name (`REINFORCE with baseline`). */
  label: string;
  samples: number[];
  mean: number;
  variance: number;
}

/**
 * Named blocks a lesson may add; the CLI prints them at the top level of `run --json`,
 * the UI draws a panel for each it knows.
 */
export interface LessonBlocks {
  series?: Series[];
  training?: Training;
  tables?: Table[];
  /** Jacobians by name, each built one reverse pass per output row. */
  jacobians?: Record<string, number[][]>;
  /** Machine-readable estimates (`run --json`); the panel reads `estimators`. */
  estimates?: Record<string, number>;
  /** Per-sample estimator values by estimator name (`run --json`; the panel reads `estimators`). */
  estimatorSamples?: Record<string, number[]>;
  /** Machine-readable statistics (`run --json`); what the UI lists is `facts`. */
  stats?: Record<string, number>;
  /** Statistics the UI lists in a plain table, labelled. */
  facts?: Fact[];
  /** The engine's memory counts per step: the memory timeline. */
  memory?: MemoryBlock;
  /** The node whose value the attention panel shows (a T×T matrix of weights). */
  attention?: { node: string };
  /** Gradient estimators compared in a histogram, and the value they estimate. */
  estimators?: Estimator[];
  /** What the estimators estimate (the analytic gradient). */
  estimatorTarget?: Fact;
}

/** `peak_live_activations` → `peak live activations`: labels for machine keys, chosen in the lesson. */
export const labelOfKey = (key: string): string => key.split('_').join(' ');

/** A stats record as labelled facts, in the record's order. */
export const factsOf = (stats: Readonly<Record<string, number>>, labels: Readonly<Record<string, string>> = {}): Fact[] =>
  Object.entries(stats).map(([k, value]) => ({ label: labels[k] ?? labelOfKey(k), value }));

/**
 * Values held after each step of the trace, as the engine counts them (Step.live: computed
 * values a later step reads), the count behind `trace.stats.peakLiveActivations`.
 */
export function liveActivations(_program: Program, trace: Trace): Pick<MemoryBlock, 'live' | 'peak' | 'peakAt'> {
  const live = [0, ...trace.steps.map((s) => s.live ?? 0)];
  let peak = 0;
  let peakAt = 0;
  live.forEach((n, i) => {
    if (n > peak) {
      peak = n;
      peakAt = i;
    }
  });
  return { live, peak, peakAt };
}

/** The memory block of a trace: the engine's counts, with reference levels and facts from the lesson. */
export function memoryBlock(program: Program, trace: Trace, marks: Fact[], facts: Fact[]): MemoryBlock {
  return { ...liveActivations(program, trace), marks, facts };
}

/** `stats` for `run --json` and the same numbers as labelled `facts` for the UI's statistics table. */
export const statsAndFacts = (
  stats: Record<string, number>,
  labels: Readonly<Record<string, string>> = {},
): Pick<LessonBlocks, 'stats' | 'facts'> => ({ stats, facts: factsOf(stats, labels) });
