import type { Program } from '../src/core/compile';
import type { Snapshot } from '../src/core/tensor';
import type { GroupSpec, NodeSpec } from '../src/core/types';
import { factsOf, memoryBlock } from '../src/engine/blocks';
import { execute } from '../src/engine/execute';
import type { Check, Exercise } from '../src/engine/exercise';
import { relativeError } from '../src/engine/numeric';
import type { TraceStats } from '../src/engine/trace';
import { leaf, node, toNested } from './_build';
import { memo, structureOf } from './_memo';
import draws from './data/ex05-draws.json';
import { ex05Track } from './tracks/ex05';

const LAYERS = 10;
const N = draws.x.length; // 8
const HE = Math.sqrt(2 / N);
// Recomputation repeats the same float32 ops on the same inputs: gradients agree to the bit.
// The tolerance only allows for a backend that reorders a reduction.
const SAME_TOL = 1e-6;
const K_VALUES = [0, 1, 2, 3, 4, 5];

/** Step-bar line at aₗ's relu: where δₗ comes from, and what the notebook does there. */
function reluLine(l: number, k: number): string {
  const step = `relu backward: δ${l} = ∂L/∂a${l} ⊙ relu′(z${l})`;
  if (l === LAYERS) {
    return `${step} = (a${l} − y) ⊙ relu′(z${l}) — the notebook seeds a${l} − y without relu′ (harmless here: a${l} − y is already 0 where z${l} ≤ 0)`;
  }
  if (k > 0 && l % k === 0) return `${step} — a${l} is a checkpoint: the notebook's checkpointed loop skips this relu′ (its bug)`;
  return `${step} — needs z${l}, recomputed from the last checkpoint if it was freed`;
}

/**
 * zₗ = Wₗ aₗ₋₁, aₗ = relu(zₗ), both tagged with layer l so checkpointing can cut there. Wₗ, zₗ and
 * aₗ form the block "Layer l" (presentation only: the canvas folds a layer into one unit).
 */
function layerNodes(l: number, k: number): NodeSpec[] {
  const prev = l === 1 ? 'x' : `a${l - 1}`;
  const W = draws.W[l - 1]?.map((row) => row.map((v) => v * HE)) ?? [];
  const group = `layer${l}`;
  return [
    leaf(`W${l}`, W, 'param', { label: `W${l}`, group }),
    node(`z${l}`, 'matmul', [`W${l}`, prev], {
      label: `z${l}`,
      layer: l,
      group,
      commentary: { backward: `matmul backward: W${l} gets δ${l}a${l - 1}ᵀ (needs a${l - 1}), a${l - 1} gets W${l}ᵀδ${l}` },
    }),
    node(`a${l}`, 'relu', [`z${l}`], { label: `a${l}`, layer: l, group, commentary: { backward: reluLine(l, k) } }),
  ];
}

/** One block per layer: Wₗ, zₗ, aₗ. */
const LAYER_GROUPS: GroupSpec[] = Array.from({ length: LAYERS }, (_, i) => ({
  id: `layer${i + 1}`,
  label: `Layer ${i + 1}`,
  kind: 'block',
}));

interface Pass {
  loss: number;
  grads: ReadonlyMap<string, Snapshot>;
  stats: TraceStats;
}

const pass = (program: Program, k: number): Pass => {
  const r = execute(program, { seedNode: 'loss', checkpointEvery: k });
  return { loss: r.values.get('loss')?.data[0] as number, grads: r.grads, stats: r.stats };
};

function sameGradientChecks(ck: Pass, full: Pass): Check[] {
  const loss: Check = {
    name: '(c) Losses match',
    pass: Math.abs(ck.loss - full.loss) <= SAME_TOL * Math.abs(full.loss),
    got: ck.loss,
    expected: full.loss,
  };
  const layers = Array.from({ length: LAYERS }, (_, l): Check => {
    const got = ck.grads.get(`W${l + 1}`);
    const expected = full.grads.get(`W${l + 1}`);
    const err = got && expected ? relativeError(got.data, expected.data) : Number.POSITIVE_INFINITY;
    return {
      name: `Layer ${l} gradient`,
      pass: err <= SAME_TOL,
      got: got ? toNested(got) : null,
      expected: expected ? toNested(expected) : null,
    };
  });
  return [loss, ...layers];
}

/** Peak live activations and op evaluations for every k: they follow from the graph's structure, not its values. */
const statsPerK = memo(structureOf, (program: Program) => K_VALUES.map((k) => ({ k, stats: pass(program, k).stats })));

export const ex05: Exercise = {
  id: 'ex05-gradient-checkpointing',
  tracks: [ex05Track],
  title: 'Ex 5 · Gradient checkpointing',
  text: 'A 10-layer ReLU network aₗ = relu(Wₗ aₗ₋₁) on 8 units, L = ½‖a₁₀ − y‖². Keep only every k-th activation in the forward pass, recompute the rest segment by segment in the backward pass: the gradients are identical, the memory is lower.',
  options: [{ name: 'checkpoint_every', label: 'Checkpoint every k layers (0 = keep all)', values: K_VALUES, default: 3 }],
  notes: [
    'The notebook’s checkpointed backward applies no relu′ at the first layer of each segment (delta = Ws[l].T @ delta at l = segment start), so its gradients for layers 0–8 are wrong and 9 of its own checks FAIL. The engine recomputes each segment from its checkpoint and runs the same backward steps: every layer’s gradient is identical to the one without checkpointing.',
    'The notebook’s standard backprop seeds delta = a − y without relu′(z₁₀). With these draws that is harmless: z₁₀ ≤ 0 only at entries 1, 3, 7, where a₁₀ = 0 and y = 0, so a − y is already 0 there and its gradients are the true ones (checked against float64 finite differences). Were y’s 1 at entry 1 (0-based), where z₁₀ < 0, its dW₁₀ would be wrong; the engine applies relu′(z₁₀) there.',
    'The notebook’s (d) is a formula (10 vs 3 stored vectors of 8 floats, “3.3×”), not a measurement, and ignores the activations rebuilt inside a segment. Here the engine counts what is live: the values a later step reads (relu′ reads z, a matmul’s backward its input a), at their peak, and op evaluations, recomputation included.',
  ],
  build: (options) => {
    const k = Number(options.checkpoint_every ?? 0);
    const y = Array.from({ length: N }, (_, i) => (i === 0 ? 1 : 0));
    return {
      nodes: [
        leaf('x', draws.x, 'input', { label: 'a₀ = x' }),
        leaf('y', y, 'constant', { label: 'y' }),
        ...Array.from({ length: LAYERS }, (_, i) => layerNodes(i + 1, k)).flat(),
        node('loss', 'half_squared_error', [`a${LAYERS}`, 'y'], {
          label: 'L = ½‖a₁₀ − y‖²',
          commentary: { backward: 'loss backward: ∂L/∂a₁₀ = a₁₀ − y' },
        }),
      ],
      objectives: [{ name: 'loss', node: 'loss', label: 'L' }],
      groups: LAYER_GROUPS,
      checkpoint: k,
    };
  },
  lesson: ({ program, trace }) => {
    const k = trace.checkpointEvery;
    const traced: Pass = { loss: trace.values.get('loss')?.data[0] as number, grads: trace.grads, stats: trace.stats };
    // The trace is one side of the comparison; with k = 0 the checks use the notebook's k = 3.
    const full = k > 0 ? pass(program, 0) : traced;
    const ck: Pass = k > 0 ? traced : pass(program, 3);
    const memory: Check = {
      name: '(d) Memory reduction',
      pass: ck.stats.peakLiveActivations < full.stats.peakLiveActivations,
      got: `${ck.stats.peakLiveActivations} live activations at peak, ${ck.stats.forwardEvaluations} op evaluations`,
      expected: `< ${full.stats.peakLiveActivations} live activations without checkpointing (${full.stats.forwardEvaluations} op evaluations)`,
    };
    const stats = {
      peak_live_activations: trace.stats.peakLiveActivations,
      forward_evaluations: trace.stats.forwardEvaluations,
      peak_live_activations_without_checkpointing: full.stats.peakLiveActivations,
      forward_evaluations_without_checkpointing: full.stats.forwardEvaluations,
    };
    const perK = statsPerK(program);
    return {
      checks: [...sameGradientChecks(ck, full), memory],
      blocks: {
        stats,
        memory: memoryBlock(
          program,
          trace,
          [
            { label: 'peak live activations', value: stats.peak_live_activations },
            { label: 'peak live activations without checkpointing', value: stats.peak_live_activations_without_checkpointing },
          ],
          factsOf(stats),
        ),
        tables: [
          {
            title: 'Memory vs compute',
            columns: ['checkpoint every k', 'peak live activations', 'op evaluations'],
            rows: perK.map(({ k: kk, stats }) => [kk === 0 ? '0 (keep all)' : kk, stats.peakLiveActivations, stats.forwardEvaluations]),
          },
        ],
      },
    };
  },
};
