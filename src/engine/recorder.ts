import { isAllFinite, type Snapshot } from '../core/tensor';
import type { Fault, Phase, SentGrad, Step } from './trace';

/** A step as the interpreter reports it; the recorder numbers it, checks it, keeps it or not. */
export interface StepEvent {
  phase: Phase;
  node: string;
  op: string;
  edges: string[];
  commentary: string;
  /** Computed values held after this step. */
  live: number;
  value?: Snapshot;
  grad?: Snapshot;
  sent?: SentGrad[];
}

/**
 * Numbers every step, and finds NaN/Inf in every value and every sent gradient whether or not
 * it records; keeps the steps (with their snapshots) only when recording — a faulty step is
 * kept either way, so a training loop still says where a NaN appeared.
 */
export class Recorder {
  readonly steps: Step[] = [];
  readonly faults: Fault[] = [];
  peakLive = 0;
  private count = 0;

  constructor(readonly record: boolean) {}

  /** `check` holds the data to scan: the value, the gradient, or each sent gradient. */
  push(e: StepEvent, check: readonly Float32Array[]): void {
    const index = this.count++;
    this.peakLive = Math.max(this.peakLive, e.live);
    const bad = check.some((d) => !isAllFinite(d));
    const fault = bad
      ? `${e.phase === 'forward' || e.phase === 'recompute' ? 'value' : 'gradient'} of "${e.node}" contains NaN or Inf`
      : undefined;
    if (fault) this.faults.push({ step: index, node: e.node, message: fault });
    if (!this.record && !fault) return;
    const step: Step = { index, ...e };
    if (fault) step.fault = fault;
    this.steps.push(step);
  }
}
