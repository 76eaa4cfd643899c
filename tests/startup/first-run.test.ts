import { describe, expect, test } from 'vitest';
import type { ComputeClient } from '../../src/ui/compute/client';
import type { ExerciseInfo, Outcome, RunRequest, RunResult } from '../../src/ui/compute/protocol';
import { createExplorerStore, type ExplorerInit } from '../../src/ui/store';

/**
 * The first graph's run must not wait for the catalogue (issue 12, first graph on screen): a
 * fake compute client holds the catalogue back until the test releases it, and records the
 * order of the calls. The run is asked for first: the worker answers its messages in order, so
 * a catalogue asked for first would be computed (and cloned) ahead of the first graph.
 */

const info = (id: string): ExerciseInfo => ({ id, title: id, text: '', options: [], notes: [] });

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A run result for `id` that the store can show (a one-node graph, no steps). */
function runOf(id: string): RunResult {
  return {
    graph: { id, title: id, nodes: [], edges: [], groups: [] },
    trace: { steps: [], objective: 'L' },
    checks: [],
    blocks: {},
    options: {},
    seed: 0,
    leafValues: {},
    backend: 'fake',
    ms: 0,
  } as unknown as RunResult;
}

function heldClient(ids: string[], o: { failRun?: (id: string) => boolean } = {}) {
  const calls: string[] = [];
  const catalogue = deferred<Outcome<ExerciseInfo[]>>();
  const client: ComputeClient = {
    where: 'main',
    catalogue: () => {
      calls.push('catalogue');
      return catalogue.promise;
    },
    run: async (req: RunRequest) => {
      const id = req.source.kind === 'exercise' ? req.source.id : 'spec';
      calls.push(`run ${id}`);
      if (o.failRun?.(id) || (req.source.kind === 'exercise' && !ids.includes(id)))
        return { ok: false, problems: [{ field: 'graph', message: `no exercise "${id}"` }] };
      return { ok: true, value: runOf(id) };
    },
    gradcheck: async () => ({ ok: false, problems: [{ field: 'gradcheck', message: 'not in the fake' }] }),
    dispose: () => {},
  };
  const release = () => {
    calls.push('catalogue answered');
    catalogue.resolve({ ok: true, value: ids.map(info) });
  };
  return { client, calls, release };
}

/** Lets every pending promise chain settle. */
const settle = () => new Promise((r) => setTimeout(r, 0));

async function start(init: ExplorerInit, ids = ['ex01-scalar-chain-rule', 'ex02']) {
  const h = heldClient(ids);
  const store = createExplorerStore(h.client, init);
  const done = store.getState().init();
  await settle();
  return { ...h, store, done };
}

describe('the first run goes out before the catalogue and does not wait for its answer', () => {
  test('a newcomer: the default exercise is computed and on the store while the catalogue is still out', async () => {
    const { store, calls, release, done } = await start({});
    expect(calls).toEqual(['run ex01-scalar-chain-rule', 'catalogue']);
    expect(store.getState().run?.graph.id).toBe('ex01-scalar-chain-rule');
    expect(store.getState().catalogue).toBeNull();
    release();
    await done;
    expect(store.getState().catalogue?.map((e) => e.id)).toEqual(['ex01-scalar-chain-rule', 'ex02']);
    expect(calls).toEqual(['run ex01-scalar-chain-rule', 'catalogue', 'catalogue answered']);
  });

  test('a linked exercise with its step: run first, catalogue after', async () => {
    const { store, calls, release, done } = await start({ graph: 'ex02', step: 0 });
    expect(calls).toEqual(['run ex02', 'catalogue']);
    expect(store.getState().run?.graph.id).toBe('ex02');
    release();
    await done;
    expect(store.getState().problems).toBeNull();
  });

  test('an unknown linked id shows only its error, never another graph, once the catalogue is in', async () => {
    const { store, calls, release, done } = await start({ graph: 'ex99-nope' });
    release();
    await done;
    expect(calls.filter((c) => c.startsWith('run'))).toEqual(['run ex99-nope']);
    expect(store.getState().run).toBeNull();
    expect(store.getState().problems?.[0]?.message).toBe('no exercise "ex99-nope"');
  });

  test('no default exercise bundled: the catalogue decides, after it answered', async () => {
    const { store, calls, release, done } = await start({}, ['tiny']);
    expect(store.getState().run).toBeNull();
    release();
    await done;
    expect(calls).toEqual(['run ex01-scalar-chain-rule', 'catalogue', 'catalogue answered', 'run tiny']);
    expect(store.getState().run?.graph.id).toBe('tiny');
  });

  test('a ?src= link computes nothing until its file is in (no detour through the default)', async () => {
    const { calls, release, done } = await start({ src: '/g.json' });
    release();
    await done;
    expect(calls).toEqual(['catalogue', 'catalogue answered']);
  });
});
