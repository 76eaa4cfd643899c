import { describe, expect, test } from 'vitest';
import { EXERCISES, findExercise } from '../../graphs/index';
import type { ComputeClient } from '../../src/ui/compute/client';
import { handle } from '../../src/ui/compute/engine';
import { computeRun, computeStructure, resolveExercise } from '../../src/ui/compute/exercises';
import type { GraphStructure, Outcome, RunRequest, RunResult } from '../../src/ui/compute/protocol';
import { createExplorerStore } from '../../src/ui/store';

/**
 * A new graph's structure comes before its run (issue 12, first graph on screen): the engine
 * compiles it without running it, the store keeps it as `upcoming`, and the canvas lays it out
 * while the run computes. What it lays out must be what the run draws.
 */

const exercise = (id: string, o: Partial<RunRequest> = {}): RunRequest => ({ source: { kind: 'exercise', id }, ...o });

describe('the structure call', () => {
  test.each(EXERCISES.map((e) => [e.id, e] as const))("%s: the run's graph and objective node, before the run", (_, ex) => {
    const s = computeStructure(ex, exercise(ex.id));
    const r = computeRun(ex, exercise(ex.id), 'cpu');
    expect(s.graph).toEqual(r.graph);
    expect(s.objectiveNode).toBe(r.trace.objectiveNode);
  });

  test('follows the request: an option that changes the graph, another objective, edited inputs', () => {
    const ex9 = findExercise('ex09-residual-flow');
    const ex1 = findExercise('ex01-scalar-chain-rule');
    if (!ex9 || !ex1) throw new Error('missing exercises');
    const residual = ex9.options.find((o) => o.name === 'residual');
    if (!residual) throw new Error('ex09 has no residual option');
    for (const value of residual.values) {
      const req = exercise(ex9.id, { options: { residual: value } });
      expect(computeStructure(ex9, req).graph).toEqual(computeRun(ex9, req, 'cpu').graph);
    }
    const plain = computeStructure(ex9, exercise(ex9.id, { options: { residual: residual.values[0] } }));
    const other = computeStructure(ex9, exercise(ex9.id, { options: { residual: residual.values[1] } }));
    expect(plain.graph.structureKey).not.toBe(other.graph.structureKey);

    const gf = exercise(ex1.id, { objective: 'gf' });
    expect(computeStructure(ex1, gf).objectiveNode).toBe('gf');
    expect(computeStructure(ex1, gf).objectiveNode).toBe(computeRun(ex1, gf, 'cpu').trace.objectiveNode);
  });

  test("a user's graph, and a bad one refused with its located problem", async () => {
    const spec = {
      nodes: [
        { id: 'x', op: 'leaf', value: [1, 2], role: 'input' },
        { id: 'y', op: 'sum', inputs: ['x'] },
      ],
      objectives: [{ name: 'y', node: 'y' }],
    };
    const req: RunRequest = { source: { kind: 'spec', spec } };
    expect(computeStructure(resolveExercise(req.source), req).graph).toEqual(computeRun(resolveExercise(req.source), req, 'cpu').graph);
    const bad = { ...spec, nodes: [...spec.nodes, { id: 'z', op: 'nope', inputs: ['y'] }] };
    const out = await handle({ kind: 'structure', request: { source: { kind: 'spec', spec: bad } } });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems.map((p) => [p.node, p.field])).toEqual([['z', 'op']]);
  });
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A client over the real exercises whose runs wait until the test releases them; structures answer at once. */
function heldRuns() {
  const calls: string[] = [];
  const held: (() => void)[] = [];
  const client: ComputeClient = {
    where: 'main',
    catalogue: async () => ({ ok: true, value: [] }),
    structure: async (req): Promise<Outcome<GraphStructure>> => {
      calls.push(`structure ${req.source.kind === 'exercise' ? req.source.id : 'spec'}`);
      return { ok: true, value: computeStructure(resolveExercise(req.source), req) };
    },
    run: (req) => {
      calls.push(`run ${req.source.kind === 'exercise' ? req.source.id : 'spec'}`);
      const out = deferred<Outcome<RunResult>>();
      held.push(() => out.resolve({ ok: true, value: computeRun(resolveExercise(req.source), req, 'cpu') }));
      return out.promise;
    },
    gradcheck: async () => ({ ok: false, problems: [{ field: 'gradcheck', message: 'not here' }] }),
    dispose: () => {},
  };
  return { client, calls, held };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the store keeps the upcoming structure', () => {
  test('asked before the run, on the store while the run computes, gone once the run is in', async () => {
    const { client, calls, held } = heldRuns();
    const store = createExplorerStore(client, {});
    const done = store.getState().init();
    await settle();
    expect(calls).toEqual(['structure ex01-scalar-chain-rule', 'run ex01-scalar-chain-rule']);
    expect(store.getState().run).toBeNull();
    const upcoming = store.getState().upcoming;
    expect(upcoming?.graph.id).toBe('ex01-scalar-chain-rule');
    held[0]?.();
    await done;
    expect(store.getState().upcoming).toBeNull();
    expect(store.getState().run?.graph).toEqual(upcoming?.graph);
  });

  test('only for a new graph: an edit of the graph on screen asks for no structure', async () => {
    const { client, calls, held } = heldRuns();
    const store = createExplorerStore(client, {});
    const done = store.getState().init();
    await settle();
    held[0]?.();
    await done;
    const edit = store.getState().setInput('t', '0.25');
    await settle();
    expect(calls.filter((c) => c.startsWith('structure'))).toHaveLength(1);
    expect(store.getState().upcoming).toBeNull();
    held[1]?.();
    await edit;
    expect(store.getState().run?.leafValues.t).toBe(0.25);
  });

  test("an older request's structure never shows as the upcoming one", async () => {
    const { client, held } = heldRuns();
    const store = createExplorerStore(client, {});
    void store.getState().init();
    await settle();
    const second = store.getState().loadGraph('ex04-vanishing-gradients');
    await settle();
    expect(store.getState().upcoming?.graph.id).toBe('ex04-vanishing-gradients');
    held[0]?.();
    await settle();
    // The first run lost to the newer request: nothing of it on the store.
    expect(store.getState().run).toBeNull();
    expect(store.getState().upcoming?.graph.id).toBe('ex04-vanishing-gradients');
    held[1]?.();
    await second;
    expect(store.getState().run?.graph.id).toBe('ex04-vanishing-gradients');
    expect(store.getState().upcoming).toBeNull();
  });
});
