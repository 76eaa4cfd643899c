import { describe, expect, it } from 'vitest';
import { EXERCISES, findExercise } from '../../graphs/index';
import { runExercise } from '../../src/engine/exercise';
import type { ComputeClient } from '../../src/ui/compute/client';
import { computeDeferred, computeRun } from '../../src/ui/compute/exercises';
import { inertLesson } from '../../src/ui/compute/inert';
import type { DeferredLesson, Outcome, RunRequest, RunResult } from '../../src/ui/compute/protocol';
import { createExplorerStore } from '../../src/ui/store';
import { selectBlocks, selectChecks } from '../../src/ui/store/slices/checks';

const request = (id: string, inputs?: RunRequest['inputs']): RunRequest => ({ source: { kind: 'exercise', id }, inputs });

describe('the lesson in two deliveries (trace and quick lesson first, the checks that re-run the graph after)', () => {
  it.each(EXERCISES.map((e) => [e.id, e] as const))('%s: quick + deferred is the whole lesson, in order', (_, ex) => {
    const whole = inertLesson(runExercise(ex));
    const first = computeRun(ex, request(ex.id), 'cpu');
    const later = computeDeferred(ex, request(ex.id));
    expect(first.deferred ?? false).toBe(ex.deferred !== undefined);
    expect([...first.checks, ...later.checks]).toEqual(whole.checks);
    expect({ ...first.blocks, ...later.blocks }).toEqual(whole.blocks);
  });

  it('the slow checks are the deferred ones: ex03’s finite differences and training come second', () => {
    const ex = findExercise('ex03-two-layer-backprop');
    if (!ex) throw new Error('no ex03');
    const first = computeRun(ex, request(ex.id), 'cpu');
    expect(first.checks).toEqual([]);
    expect(first.blocks.training).toBeUndefined();
    const later = computeDeferred(ex, request(ex.id));
    expect(later.checks.map((c) => c.name)).toEqual(['(c) dW1 matches FD', '(c) dw2 matches FD', '(d) Loss decreases']);
    expect(later.blocks.training?.steps).toBe(100);
  });

  it('deferred checks are computed for their own request, not for the last run computed', () => {
    const ex = findExercise('ex06-attention-backward');
    if (!ex) throw new Error('no ex06');
    const first = computeRun(ex, request(ex.id), 'cpu');
    const Q = first.leafValues.Q as number[][];
    const edited = request(ex.id, { Q: Q.map((row) => row.map((v) => v * 1.5 + 0.25)) });
    const later = computeRun(ex, edited, 'cpu');
    // The run just computed is the edited one; the deferred call asks for the original.
    const deferredOriginal = computeDeferred(ex, request(ex.id));
    const deferredEdited = computeDeferred(ex, edited);
    expect(deferredOriginal.checks).toEqual(inertLesson(runExercise(ex)).checks);
    expect(deferredEdited.checks).toEqual(inertLesson(runExercise(ex, { inputs: edited.inputs })).checks);
    expect(deferredEdited.checks[0]?.got).not.toEqual(deferredOriginal.checks[0]?.got);
    expect(later.trace.grads.get('Q')).not.toEqual(first.trace.grads.get('Q'));
  });
});

/** A compute client over the real exercises whose deferred lessons resolve when the test says so. */
function heldClient() {
  const held: { request: RunRequest; release: () => void }[] = [];
  const client: ComputeClient = {
    where: 'main',
    catalogue: async () => ({ ok: true, value: [] }),
    run: async (req): Promise<Outcome<RunResult>> => {
      const id = req.source.kind === 'exercise' ? req.source.id : '';
      const ex = findExercise(id);
      if (!ex) return { ok: false, problems: [{ field: 'graph', message: `no ${id}` }] };
      return { ok: true, value: computeRun(ex, req, 'cpu') };
    },
    gradcheck: async () => ({ ok: false, problems: [{ field: 'gradcheck', message: 'not here' }] }),
    lesson: (req) =>
      new Promise<Outcome<DeferredLesson>>((resolve) => {
        const id = req.source.kind === 'exercise' ? req.source.id : '';
        const ex = findExercise(id);
        held.push({
          request: req,
          release: () => resolve(ex ? { ok: true, value: computeDeferred(ex, req) } : { ok: false, problems: [] }),
        });
      }),
    dispose: () => {},
  };
  return { client, held };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the checks slice', () => {
  it('shows "checking" with the quick lesson, then the whole lesson; a stale edit’s checks are dropped', async () => {
    const { client, held } = heldClient();
    const id = 'ex06-attention-backward';
    const store = createExplorerStore(client, { graph: id });
    const s = () => store.getState();
    await s().loadGraph(id);
    expect(s().lesson.status).toBe('checking');
    expect(s().lesson.of).toBe(s().run);
    expect(selectChecks(s())).toEqual([]);
    expect(selectBlocks(s())?.attention).toEqual({ node: 'P' });

    // An edit before the first checks are back: its run replaces the first.
    const firstRun = s().run;
    const Q = s().run?.leafValues.Q as number[][];
    await s().setInput('Q', JSON.stringify(Q.map((row) => row.map((v) => v + 0.5))));
    const editedRun = s().run;
    expect(editedRun).not.toBe(firstRun);
    expect(held.length).toBe(2);
    // The first run's checks arrive late: not this run's, dropped.
    held[0]?.release();
    await flush();
    expect(s().lesson.of).toBe(editedRun);
    expect(s().lesson.status).toBe('checking');
    expect(selectChecks(s())).toEqual([]);
    // The edited run's checks: shown, for the edited values.
    held[1]?.release();
    await flush();
    expect(s().lesson.status).toBe('done');
    const names = selectChecks(s())?.map((c) => c.name);
    expect(names).toEqual(['(c) dQ matches FD', '(c) dV matches FD', '(c) dK matches FD']);
    const expected = inertLesson(runExercise(findExercise(id) as never, { inputs: held[1]?.request.inputs })).checks;
    expect(selectChecks(s())).toEqual(expected);
  });

  it('a run with no deferred part is done at once, with its own checks', async () => {
    const { client, held } = heldClient();
    const id = 'ex05-gradient-checkpointing';
    const store = createExplorerStore(client, { graph: id });
    await store.getState().loadGraph(id);
    expect(held.length).toBe(0);
    expect(store.getState().lesson.status).toBe('done');
    expect(selectChecks(store.getState())).toBe(store.getState().run?.checks);
  });
});
