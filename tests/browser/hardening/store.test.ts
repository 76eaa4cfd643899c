import { afterEach, describe, expect, test, vi } from 'vitest';
import { createInlineClient, createWorkerClient } from '../../../src/ui/compute/client';
import { createExplorerStore } from '../../../src/ui/store';
import { parseUrl, toSearch } from '../../../src/ui/store/url';
import { searchFor } from '../../../src/ui/store/useUrlSync';
import { fakeClient, tinyRun } from '../ui/fixtures';

const SPEC = { title: 'from the site', nodes: [{ id: 'a', op: 'leaf', value: 1 }], objectives: [{ name: 'o', node: 'a' }] };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loadUrl (?src=): after the first graph, same origin only', () => {
  test('a refused link waits for the first graph, then shows its problem over it', async () => {
    const f = fakeClient(() => ({ ok: true, value: tinyRun() }));
    const store = createExplorerStore(f.client, { graph: 'tiny' });
    const init = store.getState().init();
    const loaded = store.getState().loadUrl('https://evil.example/g.json');
    expect(await loaded).toBe(false);
    await init;
    const s = store.getState();
    expect(s.run?.graph.id).toBe('tiny');
    expect(s.problemSource).toBe('file');
    expect(s.problems).toEqual([
      {
        field: 'src',
        message: `"https://evil.example/g.json" is on https://evil.example, not on this site (${location.origin}): a graph loads from this site, from a file you open, or from JSON you paste`,
      },
    ]);
    expect(f.requests.map((r) => r.source)).toEqual([{ kind: 'exercise', id: 'tiny' }]);
  });

  test('a same-origin link is fetched, parsed and run as a spec that remembers its src; the link follows it', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (u: string) => {
      fetched.push(u);
      return new Response(JSON.stringify(SPEC));
    });
    const f = fakeClient(() => ({ ok: true, value: tinyRun() }));
    const store = createExplorerStore(f.client, { graph: 'tiny' });
    await store.getState().init();
    expect(await store.getState().loadUrl('/graphs/g.json')).toBe(true);
    expect(fetched).toEqual([`${location.origin}/graphs/g.json`]);
    expect(f.requests.at(-1)?.source).toEqual({ kind: 'spec', spec: SPEC, src: '/graphs/g.json' });
    store.getState().seek(3);
    expect(searchFor(store.getState())).toBe('?src=%2Fgraphs%2Fg.json&step=3');
    // a pasted graph has no link
    await store.getState().loadSpecText(JSON.stringify(SPEC));
    expect(searchFor(store.getState())).toBeNull();
  });

  test('pasted text over the limit or too deeply nested never reaches the engine', async () => {
    const f = fakeClient(() => ({ ok: true, value: tinyRun() }));
    const store = createExplorerStore(f.client, { graph: 'tiny' });
    await store.getState().init();
    const before = f.requests.length;
    const deep = `{"nodes":[{"id":"x","op":"leaf","value":${'['.repeat(5000)}1${']'.repeat(5000)}}],"objectives":[]}`;
    await store.getState().loadSpecText(deep, 'deep.json');
    expect(store.getState().problems).toEqual([{ node: 'x', field: 'value', message: 'nested deeper than 6 levels' }]);
    const elsewhere = `{"colour":${'['.repeat(100)}${']'.repeat(100)},"nodes":[]}`;
    await store.getState().loadSpecText(elsewhere, 'deep.json');
    expect(store.getState().problems).toEqual([{ field: 'colour[0][0][0][0][0]…', message: 'nested more than 64 levels deep' }]);
    await store.getState().loadSpecText(' '.repeat(5 * 1024 * 1024 + 1), 'big.json');
    expect(store.getState().problems?.[0]?.message).toBe('big.json is 5.0 MB (5242881 bytes); the limit is 5.0 MB (5242880 bytes)');
    expect(f.requests.length).toBe(before);
    expect(store.getState().run?.graph.id).toBe('tiny');
  });
});

describe('the link format', () => {
  test('src round-trips and replaces graph', () => {
    const search = toSearch({
      graph: 'custom',
      src: '/g/a b.json',
      step: 2,
      node: 'a',
      options: {},
      declared: [],
      seed: 0,
      present: false,
      predict: false,
    });
    expect(search).toBe('?src=%2Fg%2Fa+b.json&step=2&node=a');
    expect(parseUrl(search)).toMatchObject({ src: '/g/a b.json', graph: undefined, step: 2, node: 'a' });
  });
});

describe('the compute side reports its tensors', () => {
  test('memory(): live tensors are back to the same count after every run (no leak), on wasm', async () => {
    const client = createInlineClient();
    const req = { source: { kind: 'exercise', id: 'ex03-two-layer-backprop' } as const, seed: 0 };
    expect((await client.run(req)).ok).toBe(true);
    const first = await client.memory?.();
    expect(first?.ok && first.value.backend).toBe('wasm');
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      expect((await client.run({ ...req, inputs: { b2: i / 10 } })).ok).toBe(true);
      const m = await client.memory?.();
      counts.push(m?.ok ? m.value.numTensors : -1);
    }
    expect(counts).toEqual(new Array(5).fill(first?.ok ? first.value.numTensors : -2));
    const store = createExplorerStore(client);
    expect((await store.getState().engineMemory())?.numTensors).toBe(counts[0]);
  });
});

describe('the worker client never hangs on a request it cannot send', () => {
  test('a spec nested too deep to structured-clone comes back as a problem, and the worker still answers', async () => {
    const client = createWorkerClient();
    try {
      let deep: unknown = 1;
      for (let i = 0; i < 20_000; i++) deep = [deep];
      const out = await client.run({ source: { kind: 'spec', spec: { nodes: [{ id: 'x', op: 'leaf', value: deep }], objectives: [] } } });
      expect(out.ok).toBe(false);
      if (!out.ok) {
        expect(out.problems[0]?.field).toBe('(graph)');
        expect(out.problems[0]?.message).toMatch(/^could not hand this to the compute worker: /);
      }
      const next = await client.run({ source: { kind: 'exercise', id: 'ex01-scalar-chain-rule' } });
      expect(next.ok).toBe(true);
    } finally {
      client.dispose();
    }
  });
});
