import '@xyflow/react/dist/style.css';
import '../../../src/ui/styles.css';
import { afterEach, describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { syntheticGraph } from '../../../bench/synthetic';
import { edgeId } from '../../../src/engine/trace';
import { setRenderProbe } from '../../../src/ui/canvas/renderProbe';
import { createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { createExplorerStore, type ExplorerStore } from '../../../src/ui/store';
import { selectTimeline } from '../../../src/ui/store/selectors';

const counter = () => document.querySelector('[data-testid=step-counter]')?.textContent?.replace(/\s+/g, ' ').trim();

async function openSynthetic(kind: 'attention' | 'chain', n: number): Promise<ExplorerStore> {
  const store = createExplorerStore(createInlineClient());
  await store.getState().loadSpec(syntheticGraph(kind, n));
  // Everything unfolded: the most the canvas ever mounts for this graph.
  for (const [g, on] of Object.entries(store.getState().folded)) if (on) store.getState().toggleFold(g);
  await render(
    <div style={{ width: 1280, height: 800 }}>
      <Explorer store={store} controls="steps" graphList={false} />
    </div>,
  );
  await expect.poll(() => document.querySelectorAll('[data-testid=gf-edge]').length, { timeout: 30_000 }).toBeGreaterThan(10);
  return store;
}

afterEach(() => setRenderProbe(null));

describe('keys wait for the graph', () => {
  test('→ before the canvas has drawn the graph is held: nothing steps unseen, the step happens once drawn', async () => {
    const store = createExplorerStore(createInlineClient());
    await store.getState().loadSpec(syntheticGraph('chain', 60));
    expect(selectTimeline(store.getState())?.length).toBeGreaterThan(0);
    await render(
      <div style={{ width: 1280, height: 800 }}>
        <Explorer store={store} controls="steps" graphList={false} />
      </div>,
    );
    // The layout runs in a worker: nothing is drawn yet, so the press is held.
    expect(document.querySelector('[data-testid=gf-edge]')).toBeNull();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    expect(store.getState().cursor).toBe(0);
    await expect.poll(() => document.querySelector('[data-testid=canvas]')?.getAttribute('data-drawn'), { timeout: 30_000 }).toBe('true');
    // Only the last press is carried out, once: End, not → then End.
    const n = selectTimeline(store.getState())?.length ?? -1;
    expect(store.getState().cursor).toBe(n);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(store.getState().cursor).toBe(n - 1);
  }, 60_000);
});

describe('a big graph costs what changes, not what exists', () => {
  test('each step re-renders only edges whose view or highlight changed at that step', async () => {
    const store = await openSynthetic('attention', 100);
    const t = selectTimeline(store.getState());
    if (!t) throw new Error('no timeline');
    const ids = [...document.querySelectorAll('[data-testid=gf-edge]')].map((e) => e.getAttribute('data-edge-id') as string);
    expect(ids.length).toBeGreaterThan(50);
    const rendered: string[] = [];
    setRenderProbe((kind, id) => {
      if (kind === 'edge') rendered.push(id);
    });
    let total = 0;
    const steps = [1, 2, 3, 40, 41, t.length - 3, t.length - 2];
    for (const c of steps) {
      store.getState().seek(c - 1);
      await expect.poll(counter).toBe(`${c - 1} / ${t.length}`);
      rendered.length = 0;
      store.getState().seek(c);
      await expect.poll(counter).toBe(`${c} / ${t.length}`);
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const changed = new Set(
        ids.filter((id) => t.edgeAt(id, c) !== t.edgeAt(id, c - 1) || t.activeAt(c).edges.has(id) || t.activeAt(c - 1).edges.has(id)),
      );
      // Every re-rendered edge is one this step changed; each renders once.
      for (const id of rendered) expect(changed.has(id), `${id} re-rendered at step ${c}`).toBe(true);
      expect(new Set(rendered).size).toBe(rendered.length);
      expect(rendered.length).toBeLessThanOrEqual(changed.size);
      total += rendered.length;
    }
    // …and something did re-render: the probe is wired in.
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(ids.length);
  }, 90_000);

  test('a node is a bounded number of DOM elements whatever its tensor size', async () => {
    const store = await openSynthetic('chain', 40);
    store.getState().last();
    await expect.poll(() => document.querySelector('[data-testid=node-W1]')?.getAttribute('data-grad-state')).toBe('complete');
    const nodes = [...document.querySelectorAll('.react-flow__node')].filter((n) => n.querySelector('.gf-node:not(.gf-node--folded)'));
    expect(nodes.length).toBeGreaterThan(30);
    const graph = store.getState().run?.graph;
    for (const n of nodes) {
      const id = n.getAttribute('data-id') as string;
      const inputs = graph?.nodes.find((m) => m.id === id)?.inputs.length ?? 0;
      // wrapper, node, handles, header (label, badge), subtitle, two parts of caption + value
      expect(n.querySelectorAll('*').length + 1, id).toBeLessThanOrEqual(16 + inputs);
    }
  }, 90_000);
});

describe('the node list of a big graph', () => {
  test('mounts a window around the focused item, each item placed in the whole list; ↓ walks past the window', async () => {
    const store = createExplorerStore(createInlineClient());
    await store.getState().loadSpec(syntheticGraph('chain', 600));
    await render(
      <div style={{ width: 1280, height: 800 }}>
        <Explorer store={store} controls="steps" graphList={false} />
      </div>,
    );
    const graph = store.getState().run?.graph;
    if (!graph) throw new Error('no graph');
    const total = graph.nodes.reduce((s, n) => s + 1 + n.inputs.length, 0);
    const items = () => [...document.querySelectorAll<HTMLElement>('[data-testid=a11y-item]')];
    await expect.poll(() => items().length).toBeGreaterThan(0);
    expect(total).toBeGreaterThan(1000);
    expect(items().length).toBeLessThanOrEqual(81);
    expect(items().every((e) => e.getAttribute('aria-setsize') === String(total))).toBe(true);
    expect(items()[0]?.getAttribute('aria-posinset')).toBe('1');
    // Walk 100 items down: focus stays in the list, the window follows, the names follow the graph's order.
    (items()[0] as HTMLElement).focus();
    for (let i = 0; i < 100; i++) {
      (document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
      // One press at a time, as a person types (React applies each before the next).
      await new Promise((r) => setTimeout(r, 0));
    }
    await expect.poll(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-posinset')).toBe('101');
    expect(items().length).toBeLessThanOrEqual(81);
    const order = graph.nodes.flatMap((n) => [`node ${n.label},`, ...n.inputs.map(() => 'edge ')]);
    expect(document.activeElement?.textContent?.startsWith(order[100] as string)).toBe(true);
  }, 90_000);
});

async function openStore(store: ExplorerStore) {
  await render(
    <div style={{ width: 1280, height: 800 }}>
      <Explorer store={store} controls="steps" graphList={false} />
    </div>,
  );
  await expect.poll(() => document.querySelectorAll('[data-testid=gf-edge]').length, { timeout: 60_000 }).toBeGreaterThan(0);
}

describe('a big graph opens folded', () => {
  test('a 2,000-node chain mounts at most 160 React Flow nodes: its blocks, each naming what is inside', async () => {
    const store = createExplorerStore(createInlineClient());
    await store.getState().loadSpec(syntheticGraph('chain', 2000));
    const graph = store.getState().run?.graph;
    expect(graph?.nodes.length).toBeGreaterThan(1900);
    await openStore(store);
    const mounted = document.querySelectorAll('.react-flow__node').length;
    expect(mounted).toBeGreaterThan(0);
    expect(mounted).toBeLessThanOrEqual(160);
    const blocks = [...document.querySelectorAll('.gf-node--folded')];
    expect(blocks.length).toBeGreaterThan(10);
    // A folded block says what it is and how much it holds (5 layers × 3 nodes each).
    expect(blocks[0]?.querySelector('.gf-node__label')?.textContent).toBe('layers 1–5');
    expect(blocks[0]?.querySelector('[data-testid=folded-now]')?.textContent).toBe('block · 15 nodes');
  }, 120_000);
});

describe('per-step and per-unfold work follows what changed', () => {
  test('a step re-renders only the nodes whose view or active state changed at that step', async () => {
    const store = await openSynthetic('attention', 100);
    const t = selectTimeline(store.getState());
    if (!t) throw new Error('no timeline');
    const ids = [...document.querySelectorAll('[data-testid^=node-]')].map((e) => (e.getAttribute('data-testid') as string).slice(5));
    expect(ids.length).toBeGreaterThan(50);
    const rendered: string[] = [];
    setRenderProbe((kind, id) => {
      if (kind === 'node') rendered.push(id);
    });
    let total = 0;
    for (const c of [1, 2, 3, 40, 41, t.length - 3, t.length - 2]) {
      store.getState().seek(c - 1);
      await expect.poll(counter).toBe(`${c - 1} / ${t.length}`);
      rendered.length = 0;
      store.getState().seek(c);
      await expect.poll(counter).toBe(`${c} / ${t.length}`);
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const changed = new Set(
        ids.filter((id) => t.nodeAt(id, c) !== t.nodeAt(id, c - 1) || t.activeAt(c).nodes.has(id) || t.activeAt(c - 1).nodes.has(id)),
      );
      for (const id of rendered) expect(changed.has(id), `${id} re-rendered at step ${c}`).toBe(true);
      expect(new Set(rendered).size).toBe(rendered.length);
      total += rendered.length;
    }
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(ids.length);
  }, 90_000);

  test('unfolding a block renders its members and the edges it touched, not the rest of the graph', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex04-vanishing-gradients' });
    await store.getState().init();
    // Everything but layer3 unfolded: many nodes on screen that the unfold must leave alone.
    for (const [g, on] of Object.entries(store.getState().folded)) if (on && g !== 'layer3') store.getState().toggleFold(g);
    await openStore(store);
    await expect.poll(() => document.querySelectorAll('.gf-node--tensor').length, { timeout: 30_000 }).toBeGreaterThan(20);
    const graph = store.getState().run?.graph;
    if (!graph) throw new Error('no graph');
    const members = new Set(graph.nodes.filter((n) => n.group === 'layer3').map((n) => n.id));
    const touching = new Set(
      graph.nodes
        .flatMap((n) => n.inputs.map((src, slot) => ({ id: edgeId(src, n.id, slot), a: src, b: n.id })))
        .filter((e) => members.has(e.a) || members.has(e.b))
        .map((e) => e.id),
    );
    // Where every node is on screen (the view stays put when folding): the unfold shifts the rest
    // of its row, and an edge whose end moved must be drawn again; nothing else may render.
    const where = () =>
      new Map(
        [...document.querySelectorAll('.react-flow__node')].map((e) => {
          const r = e.getBoundingClientRect();
          return [e.getAttribute('data-id') as string, `${Math.round(r.x)},${Math.round(r.y)}`];
        }),
      );
    const before = where();
    const rendered = { node: [] as string[], edge: [] as string[] };
    setRenderProbe((kind, id) => rendered[kind].push(id));
    store.getState().toggleFold('layer3');
    await expect.poll(() => document.querySelector('.gf-frame[data-testid=group-layer3]'), { timeout: 30_000 }).not.toBeNull();
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    expect(rendered.node.length).toBeGreaterThan(0);
    for (const id of rendered.node) expect(members.has(id), `${id} rendered by the unfold of layer3`).toBe(true);
    const after = where();
    const moved = new Set([...before].filter(([id, p]) => after.has(id) && after.get(id) !== p).map(([id]) => id));
    expect(moved.size).toBeGreaterThan(0);
    const ends = new Map(graph.nodes.flatMap((n) => n.inputs.map((src, slot) => [edgeId(src, n.id, slot), [src, n.id]] as const)));
    for (const id of rendered.edge) {
      const [a, b] = ends.get(id) ?? ['', ''];
      expect(touching.has(id) || moved.has(a) || moved.has(b), `edge ${id} rendered by the unfold of layer3`).toBe(true);
    }
    // …and there were edges on screen that it had to leave alone (the check has something to check).
    const still = [...document.querySelectorAll('[data-testid=gf-edge]')]
      .map((e) => e.getAttribute('data-edge-id') as string)
      .filter((id) => !touching.has(id) && !(ends.get(id) ?? []).some((end) => moved.has(end)));
    expect(still.length).toBeGreaterThan(5);
  }, 120_000);
});

describe('layout cache', () => {
  test('reopening a graph reuses its layout (found by the graph’s hash): no second layout pass', async () => {
    const store = createExplorerStore(createInlineClient());
    await store.getState().loadSpec(syntheticGraph('chain', 90));
    await openStore(store);
    const layouts = () => performance.getEntriesByName('gf:layout').length;
    const first = layouts();
    expect(first).toBeGreaterThan(0);
    await store.getState().loadSpec(syntheticGraph('wide', 90));
    await expect.poll(() => store.getState().run?.graph.id).toBe('synthetic-wide-90');
    await expect.poll(() => document.querySelector('[data-testid=group-branch1]'), { timeout: 30_000 }).not.toBeNull();
    expect(layouts()).toBe(first + 1);
    await store.getState().loadSpec(syntheticGraph('chain', 90));
    await expect.poll(() => document.querySelector('[data-testid=group-layer1]'), { timeout: 30_000 }).not.toBeNull();
    expect(layouts()).toBe(first + 1);
  }, 120_000);
});
