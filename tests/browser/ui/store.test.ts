import { describe, expect, test } from 'vitest';
import { GraphError } from '../../../src/core/errors';
import type { Step } from '../../../src/engine/trace';
import type { RunResult } from '../../../src/ui/compute/protocol';
import { createExplorerStore } from '../../../src/ui/store';
import { scoreGuess } from '../../../src/ui/store/predict';
import { selectBusy, selectGraphId, selectHidden, selectStep, selectTimeline } from '../../../src/ui/store/selectors';
import { parseUrl, toSearch } from '../../../src/ui/store/url';
import { parseValueText } from '../../../src/ui/store/values';
import { carryCursor } from '../../../src/ui/trace/cursor';
import { fakeClient, snap, tinyRun, tinyStore } from './fixtures';

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
    expect(selectTimeline(s())?.length).toBe(9);
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
    const f = fakeClient((req) => ({ ok: true, value: req.options?.checkpoint_every === 2 ? short : tinyRun() }));
    const store = createExplorerStore(f.client, { graph: 'tiny', step: 8 });
    await store.getState().init();
    await store.getState().setOption('checkpoint_every', 2);
    expect(f.requests.at(-1)?.options).toEqual({ checkpoint_every: 2 });
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
    expect(selectTimeline(s())?.nodeAt('t', s().cursor, selectHidden(s())).grad).toBeNull();
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

describe('together or not at all', () => {
  test('setSeed: the seed changes with its run, and not at all when the run fails', async () => {
    let fail = false;
    const f = fakeClient((req) =>
      fail
        ? { ok: false, problems: [{ node: 'z', field: 'seed', message: 'refused' }] }
        : { ok: true, value: { ...tinyRun(), seed: req.seed ?? 0 } },
    );
    const store = createExplorerStore(f.client, { graph: 'tiny', seed: 3 });
    await store.getState().init();
    expect(f.requests.at(-1)?.seed).toBe(3);
    fail = true;
    const good = store.getState().run;
    await store.getState().setSeed(9);
    expect(f.requests.at(-1)?.seed).toBe(9);
    expect(store.getState().seed).toBe(3);
    expect(store.getState().run).toBe(good);
    expect(store.getState().problems?.[0]?.field).toBe('seed');
    fail = false;
    await store.getState().setSeed(9);
    expect(store.getState().seed).toBe(9);
    expect(store.getState().run?.seed).toBe(9);
    // a later edit reruns with the committed seed
    await store.getState().setOption('checkpoint_every', 2);
    expect(f.requests.at(-1)?.seed).toBe(9);
  });

  test('busy is derived from the request in flight, not stored beside it', async () => {
    let release: (() => void) | null = null;
    const f = fakeClient(
      () =>
        new Promise((resolve) => {
          release = () => resolve({ ok: true, value: tinyRun() });
        }),
    );
    const store = createExplorerStore(f.client, { graph: 'tiny' });
    const loading = store.getState().init();
    await Promise.resolve();
    await Promise.resolve();
    expect(selectBusy(store.getState())).toBe(true);
    expect(store.getState().requested?.source).toEqual({ kind: 'exercise', id: 'tiny' });
    (release as unknown as () => void)();
    await loading;
    expect(selectBusy(store.getState())).toBe(false);
    expect(selectGraphId(store.getState())).toBe('tiny');
    // the timeline is built once per run and shared
    expect(selectTimeline(store.getState())).toBe(selectTimeline(store.getState()));
  });
});

describe('an option change keeps what the cursor means', () => {
  const steps = (ids: string[]): Step[] =>
    ids.map((k, index) => {
      const [phase, node] = k.split(':') as [Step['phase'], string];
      return { index, phase, node, op: 'x', edges: [], commentary: '' };
    });
  const before = steps(['forward:a', 'forward:b', 'forward:L', 'seed:L', 'backward:L', 'backward:b', 'backward:a']);
  // the same graph with an extra node r between b and L (a residual branch, say)
  const after = steps([
    'forward:a',
    'forward:b',
    'forward:r',
    'forward:L',
    'seed:L',
    'backward:L',
    'backward:r',
    'backward:b',
    'backward:a',
  ]);

  test('same node and phase; nothing done and everything done stay so', () => {
    expect(carryCursor(before, 0, after)).toBe(0);
    expect(carryCursor(before, before.length, after)).toBe(after.length);
    // b's backward step done (cursor 6) → b's backward step in the new trace (cursor 8)
    expect(after[carryCursor(before, 6, after) - 1]).toMatchObject({ node: 'b', phase: 'backward' });
    expect(carryCursor(before, 6, after)).toBe(8);
    expect(carryCursor(before, 3, after)).toBe(4);
    // r's step when r is gone → the step before it that still runs
    expect(carryCursor(after, 7, before)).toBe(5);
    expect(carryCursor(after, 3, before)).toBe(2);
  });

  test('the k-th step at a node stays the k-th (checkpointing frees and recomputes)', () => {
    const ck = steps([
      'forward:a',
      'forward:b',
      'free:a',
      'forward:L',
      'seed:L',
      'backward:L',
      'recompute:a',
      'backward:b',
      'free:a',
      'recompute:a',
      'backward:a',
    ]);
    const ck2 = steps([
      'forward:a',
      'free:a',
      'forward:b',
      'forward:L',
      'seed:L',
      'recompute:a',
      'backward:L',
      'backward:b',
      'recompute:a',
      'free:a',
      'backward:a',
    ]);
    expect(carryCursor(ck, 10, ck2)).toBe(9);
    expect(carryCursor(ck, 7, ck2)).toBe(6);
  });

  test('the store carries the cursor through setOption', async () => {
    const { store } = await tinyStore({ step: 8 });
    // cursor 8 = s's backward step done; the checkpointed trace frees c and recomputes it first
    expect(selectStep(store.getState())).toMatchObject({ node: 's', phase: 'backward' });
    await store.getState().setOption('checkpoint_every', 2);
    const ck = tinyRun({ checkpointed: true }).trace.steps;
    expect(store.getState().cursor).toBe(ck.findIndex((s) => s.node === 's' && s.phase === 'backward') + 1);
    expect(store.getState().cursor).not.toBe(8);
    expect(selectStep(store.getState())).toMatchObject({ node: 's', phase: 'backward' });
    store.getState().last();
    expect(store.getState().cursor).toBe(ck.length);
    await store.getState().setOption('checkpoint_every', 0);
    expect(store.getState().cursor).toBe(9);
  });
});

describe('explorer store: the canvas view is a slice', () => {
  test('theme, follow, lessons split and camera nonces live in the store; the link carries the theme', async () => {
    const { searchFor } = await import('../../../src/ui/store/useUrlSync');
    const { canvasViewOf } = await import('../../../src/ui/canvas/viewState');
    const { store } = await loaded({ theme: 'dark' });
    const s = () => store.getState();
    expect(s().theme).toBe('dark');
    expect(searchFor(s())).toContain('theme=dark');
    // The hooks' view of an explorer is the same store, not a copy beside it.
    const view = canvasViewOf(store);
    view.getState().setTheme('light');
    expect(s().theme).toBe('light');
    expect(searchFor(s())).toContain('theme=light');
    s().setTheme('default');
    expect(view.getState().theme).toBe('default');
    expect(searchFor(s())).not.toContain('theme=');
    // The split: unset (the layout picks by width) until the lecturer drags it, then clamped to 20…60 %.
    expect(s().lessonShare).toBeNull();
    s().setLessonShare(0.9);
    expect(s().lessonShare).toBe(0.6);
    // Following: a manual pan pauses it, F resumes and asks for a new frame; 0 fits and pauses.
    s().pauseFollow();
    expect(s().followPaused).toBe(true);
    s().followNow();
    expect([s().followPaused, s().followNonce]).toEqual([false, 1]);
    s().fitAll();
    expect([s().followPaused, s().fitNonce]).toEqual([true, 1]);
    // Playback's pause is its own: stopping playback leaves following alone.
    s().followNow();
    s().pause();
    expect(s().followPaused).toBe(false);
  });
});
