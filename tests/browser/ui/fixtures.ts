import type { Snapshot } from '../../../src/core/tensor';
import { edgeId, type Step, type Trace } from '../../../src/engine/trace';
import type { ComputeClient } from '../../../src/ui/compute/client';
import type { GraphModel, NodeModel, Outcome, RunRequest, RunResult } from '../../../src/ui/compute/protocol';

/**
 * A hand-made graph and trace with values worked out by hand (not by the engine):
 *   a = 2 (input), b = [1, −3] (param), k = 5 (constant)
 *   c = a ⊙ b = [2, −6]; s = Σc = −4; t = s + a = −2; L = t² = 4 (objective)
 * Backward: ∂L/∂t = 2t = −4; ∂L/∂s = −4; ∂L/∂a = −4 (via t) + Σ(b ⊙ −4) = −4 + 8 = 4;
 *   ∂L/∂c = [−4, −4]; ∂L/∂b = a·[−4, −4] = [−8, −8].
 * `a` feeds two nodes, so its gradient is partial (−4) until c's backward step completes it.
 */
export const snap = (data: number[], shape: number[] = data.length === 1 ? [] : [data.length]): Snapshot => ({
  shape,
  data: Float32Array.from(data),
});

const model = (id: string, op: string, inputs: string[], shape: number[], extra: Partial<NodeModel> = {}): NodeModel => ({
  id,
  label: id,
  op,
  role: op === 'leaf' ? 'input' : null,
  symbol: op === 'leaf' ? '' : op,
  inputs,
  slotNames: inputs.map((_, i) => ['A', 'B'][i] ?? `#${i}`),
  attrs: {},
  shape,
  formula: op === 'leaf' ? null : { forward: 'y = f(x)', vjp: inputs.map(() => '\\bar x = \\bar y') },
  stochastic: false,
  needsGrad: true,
  ...extra,
});

export function tinyGraph(): GraphModel {
  return {
    id: 'tiny',
    title: 'Tiny graph',
    text: 'a hand-made trace',
    nodes: [
      model('a', 'leaf', [], [], { role: 'input' }),
      model('b', 'leaf', [], [2], { role: 'param' }),
      model('k', 'leaf', [], [], { role: 'constant', needsGrad: false }),
      model('c', 'mul', ['a', 'b'], [2]),
      model('s', 'sum', ['c'], []),
      model('t', 'add', ['s', 'a'], []),
      model('L', 'square', ['t'], []),
    ],
    groups: [],
    options: [{ name: 'flavour', values: ['plain', 'fancy'], default: 'plain' }],
    objectives: [{ name: 'loss', node: 'L' }],
    notes: ['a note about the notebook'],
    structureKey: 'tiny',
  };
}

type StepInit = Omit<Step, 'index'>;

/** The steps the engine would record for the tiny graph; `checkpointed` frees c and recomputes it. */
export function tinyTrace(checkpointed = false): Trace {
  const e = edgeId;
  const list: StepInit[] = [
    { phase: 'forward', node: 'c', op: 'mul', value: snap([2, -6]), edges: [e('a', 'c', 0), e('b', 'c', 1)], commentary: 'c = a ⊙ b' },
    { phase: 'forward', node: 's', op: 'sum', value: snap([-4]), edges: [e('c', 's', 0)], commentary: 's = Σc' },
    ...(checkpointed ? [{ phase: 'free', node: 'c', op: 'mul', edges: [], commentary: 'free c' } as StepInit] : []),
    { phase: 'forward', node: 't', op: 'add', value: snap([-2]), edges: [e('s', 't', 0), e('a', 't', 1)], commentary: 't = s + a' },
    { phase: 'forward', node: 'L', op: 'square', value: snap([4]), edges: [e('t', 'L', 0)], commentary: 'L = t²' },
    { phase: 'seed', node: 'L', op: 'square', grad: snap([1]), edges: [], commentary: 'seed' },
    {
      phase: 'backward',
      node: 'L',
      op: 'square',
      grad: snap([1]),
      sent: [{ slot: 0, to: 't', edge: e('t', 'L', 0), grad: snap([-4]), total: snap([-4]) }],
      edges: [e('t', 'L', 0)],
      commentary: 'L backward',
    },
    {
      phase: 'backward',
      node: 't',
      op: 'add',
      grad: snap([-4]),
      sent: [
        { slot: 0, to: 's', edge: e('s', 't', 0), grad: snap([-4]), total: snap([-4]) },
        { slot: 1, to: 'a', edge: e('a', 't', 1), grad: snap([-4]), total: snap([-4]) },
      ],
      edges: [e('s', 't', 0), e('a', 't', 1)],
      commentary: 't backward',
    },
    {
      phase: 'backward',
      node: 's',
      op: 'sum',
      grad: snap([-4]),
      sent: [{ slot: 0, to: 'c', edge: e('c', 's', 0), grad: snap([-4, -4]), total: snap([-4, -4]) }],
      edges: [e('c', 's', 0)],
      commentary: 's backward',
    },
    ...(checkpointed
      ? [
          {
            phase: 'recompute',
            node: 'c',
            op: 'mul',
            value: snap([2, -6]),
            edges: [e('a', 'c', 0), e('b', 'c', 1)],
            commentary: 'recompute c',
          } as StepInit,
        ]
      : []),
    {
      phase: 'backward',
      node: 'c',
      op: 'mul',
      grad: snap([-4, -4]),
      sent: [
        { slot: 0, to: 'a', edge: e('a', 'c', 0), grad: snap([8]), total: snap([4]) },
        { slot: 1, to: 'b', edge: e('b', 'c', 1), grad: snap([-8, -8]), total: snap([-8, -8]) },
      ],
      edges: [e('a', 'c', 0), e('b', 'c', 1)],
      commentary: 'c backward',
    },
  ];
  const steps = list.map((s, index) => ({ ...s, index }) as Step);
  return {
    objective: 'loss',
    objectiveNode: 'L',
    seed: 0,
    checkpointEvery: checkpointed ? 1 : 0,
    steps,
    values: new Map([
      ['a', snap([2])],
      ['b', snap([1, -3])],
      ['k', snap([5])],
      ['c', snap([2, -6])],
      ['s', snap([-4])],
      ['t', snap([-2])],
      ['L', snap([4])],
    ]),
    grads: new Map([
      ['a', snap([4])],
      ['b', snap([-8, -8])],
    ]),
    shapes: new Map([
      ['a', []],
      ['b', [2]],
      ['k', []],
      ['c', [2]],
      ['s', []],
      ['t', []],
      ['L', []],
    ]),
    stats: { peakLiveActivations: 0, forwardEvaluations: checkpointed ? 5 : 4 },
    faults: [],
  };
}

export function tinyRun(o: { checkpointed?: boolean; options?: Record<string, string> } = {}): RunResult {
  return {
    graph: tinyGraph(),
    trace: tinyTrace(o.checkpointed),
    checks: [{ name: 'dL/da = 4', pass: true, got: 4, expected: 4 }],
    blocks: {},
    options: { flavour: o.options?.flavour ?? 'plain' },
    seed: 0,
    leafValues: { a: 2, b: [1, -3], k: 5 },
    backend: 'none',
    ms: 0,
  };
}

/** A compute client answering from a function, recording every request. */
export function fakeClient(answer: (req: RunRequest) => Outcome<RunResult> | Promise<Outcome<RunResult>>) {
  const requests: RunRequest[] = [];
  const client: ComputeClient = {
    where: 'main',
    catalogue: async () => ({ ok: true, value: [{ id: 'tiny', title: 'Tiny graph', text: '', options: [], notes: [] }] }),
    run: async (req) => {
      requests.push(req);
      return answer(req);
    },
    gradcheck: async () => ({ ok: false, problems: [{ field: 'gradcheck', message: 'not in the fake' }] }),
    dispose: () => {},
  };
  return { client, requests };
}

/** ‖x‖₂ written out for the tests (not the UI's helper). */
export const l2 = (xs: number[]): number => Math.sqrt(xs.reduce((s, x) => s + x * x, 0));

/** A store loaded with the tiny run (fake compute). */
export async function tinyStore(init: import('../../../src/ui/store').ExplorerInit = {}) {
  const { createExplorerStore } = await import('../../../src/ui/store');
  const f = fakeClient(() => ({ ok: true, value: tinyRun() }));
  const store = createExplorerStore(f.client, { graph: 'tiny', ...init });
  await store.getState().init();
  return { store, ...f };
}
