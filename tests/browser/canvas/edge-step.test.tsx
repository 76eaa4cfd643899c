import '@xyflow/react/dist/style.css';
import '../../../src/ui/styles.css';
import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { syntheticGraph } from '../../../bench/synthetic';
import { createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { createExplorerStore, type ExplorerStore } from '../../../src/ui/store';
import { selectTimeline } from '../../../src/ui/store/selectors';
import type { Timeline } from '../../../src/ui/trace/timeline';

// What a step does to the edge layer: it touches the DOM of the edges the step changed and of no
// other, and leaves nothing animating on the main thread afterwards (the look is final in the
// step's first frame; the particles' canvas carries the motion).

const counter = () => document.querySelector('[data-testid=step-counter]')?.textContent?.replace(/\s+/g, ' ').trim();
const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
const edgeEls = () => [...document.querySelectorAll<SVGGElement>('[data-testid=gf-edge]')];

let unmount: (() => void) | null = null;
afterEach(() => {
  unmount?.();
  unmount = null;
});

async function open(store: ExplorerStore, width = 1280, height = 800): Promise<Timeline> {
  const screen = await render(
    <div style={{ width, height }}>
      <Explorer store={store} controls="steps" graphList={false} />
    </div>,
  );
  unmount = () => screen.unmount();
  await expect.poll(() => document.querySelector('[data-testid=canvas]')?.getAttribute('data-drawn'), { timeout: 60_000 }).toBe('true');
  const t = selectTimeline(store.getState());
  if (!t) throw new Error('no timeline');
  return t;
}

async function seek(store: ExplorerStore, t: Timeline, c: number) {
  store.getState().seek(c);
  await expect.poll(counter).toBe(`${c} / ${t.length}`);
  await frame();
}

async function synthetic(kind: 'attention' | 'chain', n: number) {
  const store = createExplorerStore(createInlineClient());
  await store.getState().loadSpec(syntheticGraph(kind, n));
  for (const [g, on] of Object.entries(store.getState().folded)) if (on) store.getState().toggleFold(g);
  const t = await open(store);
  await expect.poll(() => edgeEls().length, { timeout: 30_000 }).toBeGreaterThan(50);
  return { store, t };
}

/** The edge ids whose DOM a change touched (attributes, children or text anywhere inside an edge). */
function watchEdges() {
  const root = document.querySelector('.react-flow__edges');
  if (!root) throw new Error('no edge layer');
  const touched = new Set<string>();
  let outside = 0;
  const note = (records: MutationRecord[]) => {
    for (const r of records) {
      const el = r.target instanceof Element ? r.target : r.target.parentElement;
      // A mutation on an edge's React Flow wrapper (its <svg> or <g>) counts for that edge.
      const id =
        el?.closest('[data-edge-id]')?.getAttribute('data-edge-id') ?? el?.querySelector('[data-edge-id]')?.getAttribute('data-edge-id');
      if (id) touched.add(id);
      else outside++;
    }
  };
  const observer = new MutationObserver(note);
  observer.observe(root, { subtree: true, attributes: true, childList: true, characterData: true });
  return {
    take() {
      note(observer.takeRecords());
      const out = { touched: new Set(touched), outside };
      touched.clear();
      outside = 0;
      return out;
    },
    stop: () => observer.disconnect(),
  };
}

describe('a step touches only its own edges', () => {
  test('the DOM of an edge the step did not change is not mutated (attention-100, everything unfolded)', async () => {
    const { store, t } = await synthetic('attention', 100);
    const ids = edgeEls().map((e) => e.getAttribute('data-edge-id') as string);
    const watch = watchEdges();
    let total = 0;
    try {
      for (const c of [1, 2, 3, 40, 41, Math.floor(t.length / 2) + 3, t.length - 3, t.length - 2]) {
        await seek(store, t, c - 1);
        watch.take();
        await seek(store, t, c);
        const { touched, outside } = watch.take();
        const changed = new Set(
          ids.filter((id) => t.edgeAt(id, c) !== t.edgeAt(id, c - 1) || t.activeAt(c).edges.has(id) || t.activeAt(c - 1).edges.has(id)),
        );
        for (const id of touched) expect(changed.has(id), `edge ${id} mutated at step ${c}`).toBe(true);
        expect(outside, `mutations outside any edge at step ${c}`).toBe(0);
        total += touched.size;
      }
    } finally {
      watch.stop();
    }
    // The observer sees the step's own edges change: it is wired to the right subtree.
    expect(total).toBeGreaterThan(0);
  }, 120_000);

  test('after a step nothing animates on the edges: the look is final in the first frame', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex04-vanishing-gradients' });
    await store.getState().init();
    for (const [g, on] of Object.entries(store.getState().folded)) if (on) store.getState().toggleFold(g);
    const t = await open(store);
    const edgeAnimations = () =>
      document.getAnimations().filter((a) => {
        const target = (a.effect as KeyframeEffect | null)?.target;
        return !!target?.closest('.react-flow__edges');
      });
    // Mid-backward: each step gives an edge its gradient (a new colour and width).
    const mid = Math.floor(t.length * 0.75);
    let restyled = 0;
    for (let c = mid; c < mid + 4; c++) {
      await seek(store, t, c - 1);
      const before = new Map(edgeEls().map((e) => [e.dataset.edgeId, e.querySelector('.gf-edge__line')?.getAttribute('stroke')]));
      await seek(store, t, c);
      restyled += edgeEls().filter(
        (e) => before.get(e.dataset.edgeId) !== e.querySelector('.gf-edge__line')?.getAttribute('stroke'),
      ).length;
      expect(edgeAnimations().map((a) => (a as CSSTransition).transitionProperty ?? a.id)).toEqual([]);
    }
    // The steps did recolour edges, so a transition had the chance to start.
    expect(restyled).toBeGreaterThan(0);
  }, 120_000);
});

describe('edge tooltips', () => {
  test('a real pointer a few pixels off an edge’s line is over that edge, whose tooltip names its ‖∇‖', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex04-vanishing-gradients' });
    await store.getState().init();
    const t = await open(store, 1280, 720);
    await seek(store, t, t.length);
    const edge = edgeEls().find((e) => e.dataset.look === 'grad' || e.dataset.look === 'floor');
    if (!edge) throw new Error('no gradient edge');
    const title = edge.querySelector('title')?.textContent ?? '';
    expect(title).toContain('‖∇‖ = ');
    const hit = edge.querySelector<SVGPathElement>('.gf-edge__hit');
    if (!hit) throw new Error('no hit stroke');
    // A point on the line, moved 4 screen px across it (the line itself is 1.6–8 px wide).
    const len = hit.getTotalLength();
    const p = hit.getPointAtLength(len / 2);
    const q = hit.getPointAtLength(Math.min(len, len / 2 + 1));
    const m = hit.getScreenCTM();
    if (!m) throw new Error('no CTM');
    const on = new DOMPoint(p.x, p.y).matrixTransform(m);
    const ahead = new DOMPoint(q.x, q.y).matrixTransform(m);
    const dx = ahead.x - on.x;
    const dy = ahead.y - on.y;
    const norm = Math.hypot(dx, dy) || 1;
    const x = on.x - (dy / norm) * 4;
    const y = on.y + (dx / norm) * 4;
    // The pointer moves over the canvas to that point (the hit path's own box may be 0 px high).
    const flow = document.querySelector('[data-testid=canvas-flow]') as HTMLElement;
    const box = flow.getBoundingClientRect();
    await userEvent.hover(flow, { position: { x: x - box.left, y: y - box.top } });
    const over = document.elementFromPoint(x, y);
    expect(over?.closest('[data-testid=gf-edge]')).toBe(edge);
    expect(edge.matches(':hover')).toBe(true);
    // The tooltip shown there is the nearest <title> up the tree: the edge's.
    expect(over?.closest('[data-testid=gf-edge]')?.querySelector(':scope > title')?.textContent).toBe(title);
  }, 120_000);
});
