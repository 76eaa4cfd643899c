import { afterEach, describe, expect, test, vi } from 'vitest';
import { syntheticGraph } from '../../../bench/synthetic';
import { createInlineClient } from '../../../src/ui/compute/client';
import { createExplorerStore } from '../../../src/ui/store';
import { defaultFolds, FOLD_ALL_ABOVE_NODES } from '../../../src/ui/store/folds';
import { foldsFor, parseUrl } from '../../../src/ui/store/url';
import { applyUrlFolds, searchFor } from '../../../src/ui/store/useUrlSync';
import { fakeClient, tinyRun } from '../ui/fixtures';

const SPEC = { title: 'from the site', nodes: [{ id: 'a', op: 'leaf', value: 1 }], objectives: [{ name: 'o', node: 'a' }] };

afterEach(() => vi.unstubAllGlobals());

describe('a ?src= link opens its own graph first', () => {
  test('no exercise is run or laid out before the linked graph', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(SPEC)));
    const f = fakeClient(() => ({ ok: true, value: tinyRun() }));
    const store = createExplorerStore(f.client, { src: '/graphs/g.json' });
    await store.getState().init();
    expect(store.getState().run).toBeNull();
    expect(f.requests).toEqual([]);
    expect(await store.getState().loadUrl('/graphs/g.json')).toBe(true);
    expect(f.requests.map((r) => r.source)).toEqual([{ kind: 'spec', spec: SPEC, src: '/graphs/g.json' }]);
  });

  test('a refused link still shows the first graph, under its problem', async () => {
    const f = fakeClient(() => ({ ok: true, value: tinyRun() }));
    const store = createExplorerStore(f.client, { src: 'https://evil.example/g.json' });
    await store.getState().init();
    expect(await store.getState().loadUrl('https://evil.example/g.json')).toBe(false);
    expect(store.getState().run?.graph.id).toBe('tiny');
    expect(store.getState().problems?.[0]?.field).toBe('src');
    expect(f.requests.map((r) => r.source.kind)).toEqual(['exercise']);
  });
});

describe('fold state in the link', () => {
  test('round trip: folds changed from the defaults go into the link and come back from it', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex04-vanishing-gradients' });
    await store.getState().init();
    const s0 = store.getState();
    const run = s0.run;
    if (!run) throw new Error('no run');
    const defaults = defaultFolds(run.graph);
    expect(defaults.layer3).toBe(true);
    // as opened: nothing about folds in the link
    expect(searchFor(s0)).not.toMatch(/fold/);
    s0.toggleFold('layer3');
    s0.toggleFold('layer12');
    const search = searchFor(store.getState()) as string;
    expect(new URLSearchParams(search).get('unfold')).toBe('layer12,layer3');
    expect(new URLSearchParams(search).get('fold')).toBeNull();

    // a second explorer opened from that link shows the same folds
    const url = parseUrl(search);
    const other = createExplorerStore(createInlineClient(), { graph: url.graph, step: url.step });
    await other.getState().init();
    applyUrlFolds(other, url);
    expect(other.getState().folded).toEqual(store.getState().folded);
    expect(searchFor(other.getState())).toBe(search);
  }, 60_000);

  test('unknown groups in a link are ignored; fold= folds a group that opens unfolded', () => {
    const groups = [{ id: 'a' }, { id: 'b' }];
    expect(foldsFor({ a: true }, { fold: ['b', 'zz'], unfold: ['a', 'yy'] }, groups)).toEqual({ a: false, b: true });
    expect(parseUrl('?graph=g&fold=a,,b&unfold=').fold).toEqual(['a', 'b']);
    expect(parseUrl('?graph=g&fold=a,,b&unfold=').unfold).toBeUndefined();
  });

  test('a graph of more than 300 nodes opens with every group folded, attention too', async () => {
    const store = createExplorerStore(createInlineClient());
    await store.getState().loadSpec(syntheticGraph('attention', FOLD_ALL_ABOVE_NODES + 60));
    const run = store.getState().run;
    if (!run) throw new Error('no run');
    expect(run.graph.groups.length).toBeGreaterThan(20);
    for (const g of run.graph.groups) expect(store.getState().folded[g.id], g.id).toBe(true);
  }, 60_000);
});
