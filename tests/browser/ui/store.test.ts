import { describe, expect, test } from 'vitest';
import { GraphError } from '../../../src/core/errors';
import type { RunResult } from '../../../src/ui/compute/protocol';
import { scoreGuess } from '../../../src/ui/store/predict';
import { createExplorerStore, selectHidden } from '../../../src/ui/store/store';
import { parseUrl, toSearch } from '../../../src/ui/store/url';
import { parseValueText } from '../../../src/ui/store/values';
import { fakeClient, snap, tinyRun } from './fixtures';

async function loaded(init = {}) {
  const f = fakeClient(() => ({ ok: true, value: tinyRun() }));
  const store = createExplorerStore(f.client, { graph: 'tiny', ...init });
  await store.getState().init();
  return { store, ...f };
}

describe('explorer store: stepping', () => {
  test('next / prev / first / last / seek move the cursor within 0…N', async () => {
    const { store } = await loaded();
    const s = () => store.getState();
    expect(s().cursor).toBe(0);
    expect(s().timeline?.length).toBe(9);
    s().prev();
    expect(s().cursor).toBe(0);
    s().next();
    s().next();
    expect(s().cursor).toBe(2);
    s().last();
    expect(s().cursor).toBe(9);
    s().next();
    expect(s().cursor).toBe(9);
    s().seek(4.7);
    expect(s().cursor).toBe(4);
    s().seek(-3);
    expect(s().cursor).toBe(0);
    s().first();
    expect(s().cursor).toBe(0);
  });

  test('a deep-linked step and node are restored (step clamped to N)', async () => {
    const { store } = await loaded({ step: 7, node: 'b' });
    expect(store.getState().cursor).toBe(7);
    expect(store.getState().selected).toBe('b');
    const far = await loaded({ step: 500, node: 'nope' });
    expect(far.store.getState().cursor).toBe(9);
    expect(far.store.getState().selected).toBeNull();
  });

  test('a linked objective applies to the linked graph only; opening another graph stops playback', async () => {
    const { store, requests } = await loaded({ objective: 'loss' });
    expect(requests[0]?.objective).toBe('loss');
    store.getState().play();
    await store.getState().loadGraph('tiny');
    expect(requests.at(-1)?.objective).toBeUndefined();
    expect(store.getState().playing).toBe(false);
    expect(store.getState().cursor).toBe(0);
  });

  test('play runs to the end and stops; play at the end restarts from 0', async () => {
    const { store } = await loaded();
    const s = () => store.getState();
    s().play();
    expect(s().playing).toBe(true);
    for (let i = 0; i < 20; i++) s().tick();
    expect(s().cursor).toBe(9);
    expect(s().playing).toBe(false);
    s().play();
    expect(s().cursor).toBe(0);
    s().pause();
    s().tick();
    expect(s().cursor).toBe(0);
  });
});

describe('explorer store: poking', () => {
  test('a NaN typed into a value: located problem, draft kept, no run, last good run stays', async () => {
    const { store, requests } = await loaded();
    const before = store.getState().run;
    const n = requests.length;
    await store.getState().setInput('b', '[1, NaN]');
    const s = store.getState();
    expect(s.problems).toEqual([{ node: 'b', field: 'value', message: expect.stringContaining('[1, NaN]') }]);
    expect(s.problemSource).toBe('value');
    expect(s.drafts.b).toBe('[1, NaN]');
    expect(s.run).toBe(before);
    expect(requests.length).toBe(n);
  });

  test('a valid value recomputes with the edit, keeps the cursor, clears the draft', async () => {
    const { store, requests } = await loaded({ step: 6 });
    await store.getState().setInput('a', '3');
    expect(requests.at(-1)?.inputs).toEqual({ a: 3 });
    expect(store.getState().cursor).toBe(6);
    expect(store.getState().drafts.a).toBeUndefined();
    expect(store.getState().inputs).toEqual({ a: 3 });
  });

  test('an edit the engine rejects (wrong shape): its problems shown, last good run and the typed text kept', async () => {
    let fail = false;
    const f = fakeClient(() =>
      fail
        ? { ok: false, problems: new GraphError([{ node: 'c', field: 'inputs[1]', message: 'shapes differ' }]).problems }
        : { ok: true, value: tinyRun() },
    );
    const store = createExplorerStore(f.client, { graph: 'tiny' });
    await store.getState().init();
    const good = store.getState().run;
    fail = true;
    await store.getState().setInput('b', '[1, 2, 3]');
    const s = store.getState();
    expect(s.problems).toEqual([{ node: 'c', field: 'inputs[1]', message: 'shapes differ' }]);
    expect(s.run).toBe(good);
    expect(s.drafts.b).toBe('[1, 2, 3]');
    expect(s.inputs).toEqual({});
  });

  test('options recompute and are passed to the engine; the cursor is clamped to the new N', async () => {
    const short: RunResult = { ...tinyRun(), trace: { ...tinyRun().trace, steps: tinyRun().trace.steps.slice(0, 3) } };
    const f = fakeClient((req) => ({ ok: true, value: req.options?.flavour === 'fancy' ? short : tinyRun() }));
    const store = createExplorerStore(f.client, { graph: 'tiny', step: 8 });
    await store.getState().init();
    await store.getState().setOption('flavour', 'fancy');
    expect(f.requests.at(-1)?.options).toEqual({ flavour: 'fancy' });
    expect(store.getState().cursor).toBe(3);
  });

  test('a stale run (an older request finishing last) never replaces a newer one', async () => {
    const resolvers: ((r: RunResult) => void)[] = [];
    const f = fakeClient(() => new Promise((resolve) => resolvers.push((v) => resolve({ ok: true, value: v }))));
    const store = createExplorerStore(f.client, { graph: 'tiny' });
    const first = store.getState().loadGraph('tiny');
    const second = store.getState().loadGraph('tiny', { step: 2 });
    const newer = tinyRun();
    resolvers[1]?.(newer);
    await second;
    resolvers[0]?.(tinyRun());
    await first;
    expect(store.getState().run).toBe(newer);
    expect(store.getState().cursor).toBe(2);
  });

  test('invalid graph JSON: the file problem is shown and the current graph stays', async () => {
    const { store } = await loaded();
    const good = store.getState().run;
    await store.getState().loadSpecText('{ "nodes": [', 'bad.json');
    expect(store.getState().problemSource).toBe('file');
    expect(store.getState().problems?.[0]?.message).toMatch(/bad\.json is not valid JSON/);
    expect(store.getState().run).toBe(good);
  });
});

describe('predict mode', () => {
  test('hides a backward step’s gradients until a guess, stops playback there, scores the guess', async () => {
    const { store } = await loaded({ predict: true });
    const s = () => store.getState();
    s().seek(6);
    // step 6 = L backward sends −4 to t (a scalar)
    expect(selectHidden(s())).toBe(true);
    expect(s().timeline?.nodeAt('t', s().cursor, selectHidden(s())).grad).toBeNull();
    s().play();
    s().tick();
    expect(s().playing).toBe(false);
    expect(s().cursor).toBe(6);
    expect(s().guess({ 't->L#0': 'abc' })).toEqual({ 't->L#0': 'enter a number' });
    expect(selectHidden(s())).toBe(true);
    expect(s().guess({ 't->L#0': '-4.1' })).toEqual({});
    expect(selectHidden(s())).toBe(false);
    const out = s().outcomes[5];
    expect(out && !out.skipped && out.scores[0]?.relError).toBeCloseTo(0.025, 6);
    expect(out && !out.skipped && out.scores[0]?.close).toBe(true);
  });

  test('sign patterns for small tensors', () => {
    const sent = { slot: 1, to: 'b', edge: 'b->c#1', grad: snap([-8, 0, 3]), total: snap([-8, 0, 3]) };
    const r = scoreGuess(sent, '- 0 -');
    expect(typeof r).toBe('object');
    if (typeof r === 'object') {
      expect(r.correct).toBe(2);
      expect(r.total).toBe(3);
      expect(r.close).toBe(false);
    }
    expect(scoreGuess(sent, '+-')).toBe('expected 3 signs, got 2');
    expect(scoreGuess(sent, '−0+')).toMatchObject({ correct: 3, close: true });
  });
});

describe('deep links', () => {
  test('parse and write are inverse for the view a link restores', () => {
    const u = parseUrl('?graph=ex03-two-layer-backprop&step=7&node=W1&opt.activation=relu&present=1');
    expect(u).toMatchObject({ graph: 'ex03-two-layer-backprop', step: 7, node: 'W1', options: { activation: 'relu' }, present: true });
    const search = toSearch({
      graph: 'ex03-two-layer-backprop',
      step: 7,
      node: 'W1',
      options: { activation: 'relu', residual: false },
      declared: [
        { name: 'activation', values: ['relu', 'sigmoid'], default: 'sigmoid' },
        { name: 'residual', values: [true, false], default: false },
      ],
      seed: 0,
      present: true,
      predict: false,
    });
    expect(search).toBe('?graph=ex03-two-layer-backprop&step=7&node=W1&opt.activation=relu&present=1');
    expect(parseUrl(search)).toMatchObject({ graph: 'ex03-two-layer-backprop', step: 7, node: 'W1', options: { activation: 'relu' } });
  });

  test('garbage in a link is ignored, not trusted', () => {
    expect(parseUrl('?step=-3&seed=1e9').step).toBeUndefined();
    expect(parseUrl('?step=abc').step).toBeUndefined();
  });
});

describe('value text', () => {
  test('numbers and nested arrays parse; NaN, ragged and empty input are located problems', () => {
    expect(parseValueText('x', ' −1.5 ')).toEqual({ value: -1.5, shape: [] });
    expect(parseValueText('x', '[[1,2],[3,4]]')).toEqual({
      value: [
        [1, 2],
        [3, 4],
      ],
      shape: [2, 2],
    });
    expect(parseValueText('x', 'NaN')).toMatchObject({ node: 'x', field: 'value' });
    expect(parseValueText('x', '[[1,2],[3]]')).toMatchObject({ node: 'x', field: 'value', message: expect.stringMatching(/ragged/) });
    expect(parseValueText('x', '')).toMatchObject({ node: 'x', field: 'value' });
    expect(parseValueText('x', '1e999')).toMatchObject({ node: 'x', field: 'value', message: expect.stringMatching(/finite/) });
  });
});
