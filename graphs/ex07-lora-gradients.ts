import { compile, type Program } from '../src/core/compile';
import { makeRng } from '../src/core/random';
import type { GraphSpec, NestedNumber, NodeSpec } from '../src/core/types';
import { statsAndFacts } from '../src/engine/blocks';
import { execute } from '../src/engine/execute';
import type { Check, Exercise, Lesson, LessonContext, Table } from '../src/engine/exercise';
import { train } from '../src/engine/train';
import { leaf, node, toNested } from './_build';
import { fdGradientCheck } from './_checks';
import { memo } from './_memo';
import data from './data/ex07.json';
import notebookTraining from './data/ex07-training.json';
import { ex07Track } from './tracks/ex07';

// (d) as the notebook: 200 SGD steps at η = 0.005 on minibatches of 8 drawn from 50 samples.
const STEPS = 200;
const BATCH = 8;
const SAMPLES = 50;
const LR = 0.005;

/**
 * L is linear in B and in A separately, so central differences are exact for any step: h = 1
 * keeps float32 rounding (≈1e-7·|L|/h) far below dB, whose entries are ~1e-2 here (A = 0.01·randn).
 */
const FD_STEP = 1;

const zeros = (rows: number, cols: number): number[][] => Array.from({ length: rows }, () => new Array(cols).fill(0));

interface TrainingData {
  X: number[][];
  A0: NestedNumber;
  Wfull0: NestedNumber;
  /** Minibatch rows per step, drawn with replacement (np.random.choice(50, 8)). */
  idx: number[][];
  fromNotebook: boolean;
}

/** The notebook's draws when the shapes are its own, else the same recipe from the run's seed. */
function trainingData(m: number, n: number, r: number, seed: number): TrainingData {
  const nb = notebookTraining;
  if (nb.W_full.length === m && nb.X_tr[0]?.length === n && nb.A_tr.length === r) {
    return { X: nb.X_tr, A0: nb.A_tr, Wfull0: nb.W_full, idx: nb.idx, fromNotebook: true };
  }
  const rng = makeRng(seed);
  const draw = (rows: number, cols: number, s: number) => zeros(rows, cols).map((row) => row.map(() => s * rng.normal()));
  const idx = zeros(STEPS, BATCH).map((row) => row.map(() => Math.floor(rng.uniform() * SAMPLES)));
  return { X: draw(SAMPLES, n, 1), A0: draw(r, n, 0.01), Wfull0: draw(m, n, 0.1), idx, fromNotebook: false };
}

/** L = ½·mean((xb Wᵀ − yb)²) over the batch×outputs entries, as the notebook's loss. */
const lossNodes = (W: string): NodeSpec[] => [
  node('Wt', 'transpose', [W]),
  node('yh', 'matmul', ['xb', 'Wt'], { label: 'ŷ = xb Wᵀ' }),
  node('err', 'sub', ['yh', 'yb']),
  node('sq', 'square', ['err']),
  node('mse', 'mean', ['sq']),
  node('loss', 'scale', ['mse'], { attrs: { by: 0.5 } }),
];

function trainingSpec(kind: 'lora' | 'full', rows: number, W0: Float32Array, [m, n, r]: number[], d: TrainingData): GraphSpec {
  const batch = [leaf('xb', zeros(rows, n as number), 'constant'), leaf('yb', zeros(rows, m as number), 'constant')];
  const model =
    kind === 'lora'
      ? [
          leaf('W0', toNested({ shape: [m as number, n as number], data: W0 }), 'frozen'),
          leaf('B', zeros(m as number, r as number), 'param'),
          leaf('A', d.A0, 'param'),
          node('BA', 'matmul', ['B', 'A']),
          node('W', 'add', ['W0', 'BA']),
        ]
      : [leaf('W', d.Wfull0, 'param')];
  return { nodes: [...batch, ...model, ...lossNodes('W')], objectives: [{ name: 'loss', node: 'loss' }] };
}

interface Curves {
  /** Minibatch loss before each update (what the notebook records). */
  minibatch: number[];
  /** Loss on all samples before each update, then after the last. */
  allSamples: number[];
}

/**
 * The engine's SGD (train), the minibatch swapped in as leaf values each step. A second program
 * of the same model scores the current parameters on every sample, forward only.
 */
function sgd(
  step: Program,
  score: Program,
  params: string[],
  batch: (k: number) => Map<string, Float32Array>,
  all: Map<string, Float32Array>,
): Curves {
  const lossOn = (values: ReadonlyMap<string, Float32Array>) =>
    execute(score, { seedNode: 'loss', values: new Map([...values, ...all]), forwardOnly: true }).values.get('loss')?.data[0] as number;
  const start = new Map(params.map((id) => [id, Float32Array.from(step.nodes.get(id)?.value ?? [])]));
  const allSamples = [lossOn(start)];
  const run = train(step, { lr: LR, steps: STEPS, params, batch, onStep: (_, __, values) => allSamples.push(lossOn(values)) });
  return { minibatch: run.losses, allSamples };
}

/** (d) LoRA vs full fine-tuning towards W_target = 0.5·W₀ (what the notebook's re-seeding draws). */
function trainBoth(W0: Float32Array, shape: number[], seed: number) {
  const [m = 0, n = 0, r = 0] = shape;
  const d = trainingData(m, n, r, seed);
  const Y = d.X.map((x) => Array.from({ length: m }, (_, i) => x.reduce((s, xj, j) => s + xj * 0.5 * (W0[i * n + j] as number), 0)));
  const rowsOf = (src: number[][], ks: number[]) => Float32Array.from(ks.flatMap((k) => src[k] as number[]));
  const batch = (k: number) =>
    new Map([
      ['xb', rowsOf(d.X, d.idx[k] as number[])],
      ['yb', rowsOf(Y, d.idx[k] as number[])],
    ]);
  const every = d.X.map((_, k) => k);
  const all = new Map([
    ['xb', rowsOf(d.X, every)],
    ['yb', rowsOf(Y, every)],
  ]);
  const curves = (kind: 'lora' | 'full', params: string[]) =>
    sgd(compile(trainingSpec(kind, BATCH, W0, shape, d)), compile(trainingSpec(kind, SAMPLES, W0, shape, d)), params, batch, all);
  return { lora: curves('lora', ['A', 'B']), full: curves('full', ['W']), fromNotebook: d.fromNotebook };
}

const NOTEBOOK_SHAPE = [data.W0.length, data.W0[0]?.length ?? 0, data.A.length];
const NOTEBOOK_W0 = Float32Array.from(data.W0.flat());
const atNotebookShape = (shape: number[]) => shape.every((d, i) => d === NOTEBOOK_SHAPE[i]);

/**
 * (d) once per shape and seed, not per edit: at the notebook's shapes from its W₀ and draws (the
 * seed is not used there), otherwise from the graph's W₀ and the seed's draws.
 */
const training = memo(
  (W0: Float32Array, shape: number[], seed: number) =>
    atNotebookShape(shape) ? 'notebook' : JSON.stringify([shape, seed, Array.from(W0)]),
  (W0: Float32Array, shape: number[], seed: number) => trainBoth(atNotebookShape(shape) ? NOTEBOOK_W0 : W0, shape, seed),
);

const round2 = (x: number): number => Math.round(x * 100) / 100;

function tables(m: number, n: number, r: number): Table[] {
  const full = m * n;
  const lora = r * (m + n);
  const memoryRow = (mm: number, nn: number, rr: number) => {
    const f = mm * nn * 4;
    const l = rr * (mm + nn) * 4;
    return [`${mm}×${nn}`, rr, f / 1e3, l / 1e3, round2(f / l)];
  };
  return [
    {
      title: '(c) Trainable gradient entries',
      columns: ['', 'entries', 'shape'],
      rows: [
        ['Full fine-tuning', full, `${m}×${n}`],
        ['LoRA', lora, `${r}×(${m}+${n})`],
        ['Compression', round2(full / lora), ''],
      ],
    },
    {
      title: '(e) Gradient memory, float32 (1 KB = 1000 B)',
      columns: ['W', 'r', 'full (KB)', 'LoRA (KB)', 'full / LoRA'],
      rows: [memoryRow(m, n, r), memoryRow(100, 100, 4), memoryRow(1000, 1000, 8), memoryRow(4096, 4096, 16)],
    },
  ];
}

export const ex07: Exercise = {
  id: 'ex07-lora-gradients',
  tracks: [ex07Track],
  title: 'Ex 7 · LoRA gradients',
  text: 'y = (W₀ + BA)x with W₀ frozen and B, A trainable; L = ȳ·y. Derive dA and dB, check them against finite differences, count trainable entries, and train LoRA against full fine-tuning.',
  options: [
    {
      name: 'adapter',
      label: 'Trainable weights: LoRA (W₀ frozen, B and A trained) or full fine-tuning (W trained)',
      values: ['lora', 'full'],
      default: 'lora',
    },
  ],
  notes: [
    'With B = 0 (LoRA’s initialisation) dA = Bᵀȳxᵀ is exactly zero, so the notebook’s “(b) dA matches FD” compares 0 with 0 and passes vacuously. That is the point of B = 0: the model starts unchanged (W = W₀), B gets the gradient ȳ(Ax)ᵀ ≠ 0, and after one SGD step A starts to learn.',
    'W₀ is frozen: the engine never computes its gradient (no m×n buffer), which is the memory LoRA saves.',
    'The notebook’s hand-scaled gradients (dy = (ŷ − y)/8, then /m_lo) are the true gradient of its loss ½·mean((ŷ − y)²): the mean runs over 8 samples × m_lo = 8 outputs. Training here uses engine gradients and reproduces its final losses 0.4339 (LoRA) and 0.3865 (full); “final” is the minibatch loss before the 200th update, as the notebook prints.',
    'In (d) the notebook re-seeds 42 before drawing W_target, so W_target = 0.5·W₀ exactly: LoRA has to learn ΔW = −0.5·W₀, which has rank 6, and a rank-2 BA cannot fit it, so its loss stays bounded away from zero. Its “full fine-tuning” does not start from W₀ but from W = 0.1·randn.',
    '“Both converge” passes in the notebook for the wrong reason: it compares LoRA’s first and last minibatch losses (0.643 → 0.434), which is minibatch noise, and ignores the full model. On all 50 samples LoRA’s loss only goes from 0.542545 to 0.542536: with B = 0, A = 0.01·randn and η = 0.005, dB = dW·Aᵀ is tiny and ‖BA‖ reaches only 5e-5 in 200 steps. Full fine-tuning really learns (0.5948 → 0.4675). Here the check compares the loss on all 50 samples before and after training, for both models; it passes, but LoRA’s decrease is about 1e-5.',
    'Training data are the notebook’s draws (X, A’s start, W_full’s start, the minibatch indices) when W₀ is 8×6 and r = 2; for other shapes the same recipe is drawn from the run’s seed. At the notebook’s shapes (d) trains from the notebook’s W₀ (target 0.5·W₀) whatever W₀ is edited to, so an edit re-runs the trace and the checks without re-training; at other shapes it trains from the graph’s W₀.',
  ],
  build: (options) => (options.adapter === 'full' ? fullSpec() : loraSpec()),
  // Finite differences and the training runs re-run the graph: the UI shows them after the trace.
  lesson: () => ({ checks: [], blocks: {} }),
  deferred: (ctx) => lesson(ctx, ctx.options.adapter === 'full' ? 'full' : 'lora'),
};

/** x and ȳ, the same in both models. */
const inputs = (): NodeSpec[] => [
  leaf('x', data.x, 'input', { label: 'x' }),
  leaf('y_bar', data.y_bar, 'constant', { label: 'ȳ', note: 'the upstream gradient ∂L/∂y' }),
];

/** L = ȳ·y, the notebook's readout, the same in both models. */
const readoutNode = (): NodeSpec =>
  node('loss', 'dot', ['y_bar', 'y'], {
    label: 'L = ȳ·y',
    commentary: {
      forward: 'L = ȳ·y: a scalar whose gradient with respect to y is ȳ',
      backward: 'L backward: y receives ȳ, the upstream gradient of the notebook',
    },
  });
const LOSS: GraphSpec['objectives'] = [{ name: 'loss', node: 'loss', label: 'L = ȳ·y' }];

/** Full fine-tuning: W itself is the parameter (starting at the notebook's W₀), y = Wx, L = ȳ·y. */
function fullSpec(): GraphSpec {
  return {
    nodes: [
      leaf('W', data.W0, 'param', { label: 'W', note: 'every entry trainable (starts at W₀)' }),
      ...inputs(),
      node('y', 'matmul', ['W', 'x'], {
        label: 'y = Wx',
        commentary: { forward: 'y = Wx', backward: 'y = Wx backward: dW = ȳ xᵀ, all m×n entries computed and stored' },
      }),
      readoutNode(),
    ],
    objectives: LOSS,
  };
}

function loraSpec(): GraphSpec {
  return {
    nodes: [
      leaf('W0', data.W0, 'frozen', { label: 'W₀', note: 'pretrained weight, frozen' }),
      leaf('B', zeros(data.W0.length, data.A.length), 'param', { label: 'B', group: 'lora', note: 'starts at zero' }),
      leaf('A', data.A, 'param', { label: 'A', group: 'lora' }),
      ...inputs(),
      node('BA', 'matmul', ['B', 'A'], {
        label: 'BA',
        group: 'lora',
        commentary: {
          forward: 'BA: the rank-r update (zero while B = 0)',
          backward: 'BA backward: dB = dW Aᵀ, dA = Bᵀ dW — so dA = 0 while B = 0',
        },
      }),
      node('W', 'add', ['W0', 'BA'], {
        label: 'W = W₀ + BA',
        commentary: {
          forward: 'W = W₀ + BA: the frozen weight plus the low-rank update',
          backward: 'add backward: dW flows on to BA; W₀ is frozen, so its m×n gradient is never computed',
        },
      }),
      node('y', 'matmul', ['W', 'x'], {
        label: 'y = Wx',
        commentary: { forward: 'y = (W₀ + BA)x', backward: 'y = Wx backward: dW = ȳ xᵀ (an outer product), dx = Wᵀȳ' },
      }),
      readoutNode(),
    ],
    objectives: LOSS,
    groups: [{ id: 'lora', label: 'LoRA branch', kind: 'lora' }],
  };
}

/**
 * The checks and blocks. LoRA: dA and dB against finite differences. Full fine-tuning: dW (the
 * graph's W starts at W₀; (d) and the tables use the notebook's rank r = 2 for the LoRA side).
 */
function lesson({ program, trace, seed }: LessonContext, adapter: 'lora' | 'full'): Lesson {
  const weight = adapter === 'full' ? 'W' : 'W0';
  const [m = 0, n = 0] = program.nodes.get(weight)?.shape ?? [];
  const r = adapter === 'full' ? data.A.length : (program.nodes.get('A')?.shape[0] ?? 0);
  const run = training(program.nodes.get(weight)?.value as Float32Array, [m, n, r], seed);
  const ends = (l: number[]) => [l[0] as number, l[l.length - 1] as number];
  const [loraStart = 0, loraEnd = 0] = ends(run.lora.allSamples);
  const [fullStart = 0, fullEnd = 0] = ends(run.full.allSamples);
  const converge: Check = {
    name: 'Both converge',
    pass: loraEnd < loraStart && fullEnd < fullStart,
    got: { lora: loraEnd, full: fullEnd },
    expected: { lora: `< ${loraStart}`, full: `< ${fullStart}` },
  };
  const source = run.fromNotebook ? 'notebook data' : `data drawn from seed ${seed}`;
  return {
    checks: [
      ...(adapter === 'full'
        ? [fdGradientCheck(program, trace, 'W', '(b) dW matches FD', FD_STEP)]
        : [
            fdGradientCheck(program, trace, 'A', '(b) dA matches FD', FD_STEP),
            fdGradientCheck(program, trace, 'B', '(b) dB matches FD', FD_STEP),
          ]),
      converge,
    ],
    blocks: {
      training: {
        lr: LR,
        steps: STEPS,
        runs: [
          { label: `LoRA (r = ${r}), minibatch of ${BATCH}, ${source}`, losses: run.lora.minibatch },
          { label: `Full fine-tuning, minibatch of ${BATCH}, ${source}`, losses: run.full.minibatch },
          { label: `LoRA (r = ${r}), all ${SAMPLES} samples`, losses: run.lora.allSamples },
          { label: `Full fine-tuning, all ${SAMPLES} samples`, losses: run.full.allSamples },
        ],
      },
      tables: tables(m, n, r),
      ...statsAndFacts({
        final_minibatch_loss_lora: run.lora.minibatch.at(-1) as number,
        final_minibatch_loss_full: run.full.minibatch.at(-1) as number,
        all_samples_loss_lora_start: loraStart,
        all_samples_loss_lora_end: loraEnd,
        all_samples_loss_full_start: fullStart,
        all_samples_loss_full_end: fullEnd,
      }),
    },
  };
}
