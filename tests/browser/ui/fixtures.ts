import type { Snapshot } from '../../../src/core/tensor';
import type { ComputeClient } from '../../../src/ui/compute/client';
import { createInlineClient } from '../../../src/ui/compute/client';
import type { GraphModel, Outcome, RunRequest, RunResult } from '../../../src/ui/compute/protocol';
import type { ExplorerInit } from '../../../src/ui/store';

/**
 * A tiny graph run by the engine itself (main-thread compute), so what the UI tests read is
 * what the engine records. Its values, worked out by hand, are what the tests expect:
 *   a = 2 (input), b = [1, −3] (param), k = 5 (constant, unused)
 *   c = a ⊙ b = [2, −6]; s = Σc = −4; t = s + a = −2; L = t² = 4 (objective)
 * Backward: ∂L/∂t = 2t = −4; ∂L/∂s = −4; ∂L/∂a = −4 (via t) + Σ(b ⊙ −4) = −4 + 8 = 4;
 *   ∂L/∂c = [−4, −4]; ∂L/∂b = a·[−4, −4] = [−8, −8].
 * `a` feeds two nodes, so its gradient is partial (−4) until c's backward step completes it.
 * Checkpointed (`checkpoint: 2`, what the `checkpoint_every` option of the fake client answers
 * with): the engine frees t (layer 3, read by L's backward step) after the forward pass and
 * recomputes its segment from the checkpoint s before L's backward step.
 */
export const TINY_SPEC = {
  id: 'tiny',
  title: 'Tiny graph',
  nodes: [
    { id: 'a', op: 'leaf', value: 2, role: 'input' },
    { id: 'b', op: 'leaf', value: [1, -3], role: 'param' },
    { id: 'k', op: 'leaf', value: 5, role: 'constant' },
    { id: 'c', op: 'mul', inputs: ['a', 'b'], layer: 1 },
    { id: 's', op: 'sum', inputs: ['c'], layer: 2 },
    { id: 't', op: 'add', inputs: ['s', 'a'], layer: 3 },
    { id: 'L', op: 'square', inputs: ['t'], layer: 4 },
  ],
  objectives: [{ name: 'loss', node: 'L' }],
  options: [{ name: 'checkpoint_every', values: [0, 2], default: 0 }],
  notes: ['a note about the notebook'],
};

export const snap = (data: number[], shape: number[] = data.length === 1 ? [] : [data.length]): Snapshot => ({
  shape,
  data: Float32Array.from(data),
});

async function engineRun(checkpoint: number): Promise<RunResult> {
  const spec = checkpoint ? { ...TINY_SPEC, checkpoint } : TINY_SPEC;
  const r = await createInlineClient().run({ source: { kind: 'spec', spec }, options: { checkpoint_every: checkpoint } });
  if (!r.ok) throw new Error(`the tiny graph did not run: ${JSON.stringify(r.problems)}`);
  return r.value;
}

const PLAIN = await engineRun(0);
const CHECKPOINTED = await engineRun(2);

/** The engine's run of the tiny graph (a fresh copy each call: tests may compare identities). */
export function tinyRun(o: { checkpointed?: boolean } = {}): RunResult {
  return structuredClone(o.checkpointed ? CHECKPOINTED : PLAIN);
}

export const tinyGraph = (): GraphModel => tinyRun().graph;
export const tinyTrace = (checkpointed = false) => tinyRun({ checkpointed }).trace;

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

/** A store loaded with the tiny run (fake compute answering with the engine's run). */
export async function tinyStore(init: ExplorerInit = {}) {
  const { createExplorerStore } = await import('../../../src/ui/store');
  const f = fakeClient((req) => ({ ok: true, value: tinyRun({ checkpointed: req.options?.checkpoint_every === 2 }) }));
  const store = createExplorerStore(f.client, { graph: 'tiny', ...init });
  await store.getState().init();
  return { store, ...f };
}
