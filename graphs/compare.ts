import type { OptionValue } from '../src/core/types';
import type { ExerciseId } from './index';

/**
 * Comparisons a lecturer makes, as data: one exercise under two option sets. `a` is what pane A
 * runs (the explorer's own options), `b` what pane B runs. Option names and values are the
 * exercise's declared ones (tests/compare/presets.test.ts checks every preset against its graph).
 * No imports beyond types: the UI shell reads this without loading the engine.
 */
export interface ComparePreset {
  /** Stable id (a deep link may name it). */
  id: string;
  graph: ExerciseId;
  /** What the menu shows. */
  label: string;
  a: Readonly<Record<string, OptionValue>>;
  b: Readonly<Record<string, OptionValue>>;
}

export const COMPARE_PRESETS: readonly ComparePreset[] = [
  {
    id: 'ex04-sigmoid-vs-relu-he',
    graph: 'ex04-vanishing-gradients',
    label: 'sigmoid, randn × 0.3 vs ReLU, He',
    a: { activation: 'sigmoid', init: 'normal_0.3', residual: false },
    b: { activation: 'relu', init: 'he', residual: false },
  },
  {
    id: 'ex05-k0-vs-k3',
    graph: 'ex05-gradient-checkpointing',
    label: 'keep every activation (k = 0) vs checkpoint every 3 layers',
    a: { checkpoint_every: 0 },
    b: { checkpoint_every: 3 },
  },
  {
    id: 'ex07-lora-vs-full',
    graph: 'ex07-lora-gradients',
    label: 'LoRA (W₀ frozen) vs full fine-tuning',
    a: { adapter: 'lora' },
    b: { adapter: 'full' },
  },
  {
    id: 'ex09-plain-vs-residual',
    graph: 'ex09-residual-flow',
    label: 'plain hₖ = Jₖhₖ₋₁ vs residual hₖ = hₖ₋₁ + Jₖhₖ₋₁',
    a: { residual: false },
    b: { residual: true },
  },
];

/** The presets for one graph (none for a graph of the user's own). */
export const presetsFor = (graph: string): readonly ComparePreset[] => COMPARE_PRESETS.filter((p) => p.graph === graph);
