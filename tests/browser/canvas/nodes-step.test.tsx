import '@xyflow/react/dist/style.css';
import '../../../src/ui/styles.css';
import { afterEach, describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { syntheticGraph } from '../../../bench/synthetic';
import { setRenderProbe } from '../../../src/ui/canvas/renderProbe';
import { createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { createExplorerStore, type ExplorerStore } from '../../../src/ui/store';
import { selectTimeline } from '../../../src/ui/store/selectors';

// What one step may touch: a step's frame is its nodes, its edges and the step bar's few
// elements, never the rest of the page (a mutation elsewhere is layout and paint for nothing).

const counter = () => document.querySelector('[data-testid=step-counter]')?.textContent?.replace(/\s+/g, ' ').trim();
const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

async function open(kind: 'chain' | 'wide', n: number, unfold: boolean): Promise<ExplorerStore> {
  const store = createExplorerStore(createInlineClient());
  await store.getState().loadSpec(syntheticGraph(kind, n));
  if (unfold) for (const [g, on] of Object.entries(store.getState().folded)) if (on) store.getState().toggleFold(g);
  await render(
    <div style={{ width: 1280, height: 800 }}>
      <Explorer store={store} controls="full" graphList={false} />
    </div>,
  );
  await expect.poll(() => document.querySelector('[data-testid=canvas]')?.getAttribute('data-drawn'), { timeout: 30_000 }).toBe('true');
  return store;
}

/** Where a mutated node sits: the canvas element it belongs to, or the step bar's part. */
function placeOf(target: Node): string {
  const el = target instanceof Element ? target : target.parentElement;
  if (!el) return 'detached';
  const node = el.closest('[data-testid^="node-"], [data-testid^="group-"]');
  if (node) return `node:${node.getAttribute('data-testid')}`;
  if (el.closest('.react-flow__edges, .react-flow__edgelabel-renderer, [data-testid=particle-layer]')) return 'edges';
  for (const part of ['step-counter', 'commentary', 'announcer']) if (el.closest(`[data-testid=${part}]`)) return part;
  if (el.closest('.gf-scrubber')) return 'scrubber';
  // ⏮ ◀ ▶ ⏭ are disabled at either end of the trace.
  if (el.closest('.gf-stepbar__buttons')) return 'step-buttons';
  // The keyboard node list names each node's state for a screen reader: it follows the step.
  if (el.closest('[data-testid=a11y-item]')) return 'node-list';
  return `elsewhere:${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}[${el.closest('[data-testid]')?.getAttribute('data-testid') ?? ''}]`;
}

afterEach(() => setRenderProbe(null));

describe("a step's frame", () => {
  for (const [kind, unfold] of [
    ['chain', true],
    ['wide', false],
  ] as const)
    test(`${kind}${unfold ? ' unfolded' : ' as opened'}: a step mutates only its nodes, its edges and the step bar, commentary and a11y text`, async () => {
      const store = await open(kind, 40, unfold);
      const t = selectTimeline(store.getState());
      if (!t) throw new Error('no timeline');
      const places = new Map<string, number>();
      const seen: string[] = [];
      const mo = new MutationObserver((ms) => {
        for (const m of ms) {
          // The canvas says which node follow mode frames (data-focus-node): one attribute, no layout.
          if (m.type === 'attributes' && m.attributeName === 'data-focus-node') continue;
          const p = placeOf(m.target);
          places.set(p, (places.get(p) ?? 0) + 1);
        }
      });
      const steps = [1, 2, 3, 20, 21, t.length - 2, t.length - 1];
      for (const c of steps) {
        store.getState().seek(c - 1);
        await expect.poll(counter).toBe(`${c - 1} / ${t.length}`);
        await frame();
        mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        store.getState().seek(c);
        await expect.poll(counter).toBe(`${c} / ${t.length}`);
        await frame();
        await frame();
        for (const r of mo.takeRecords()) seen.push(placeOf(r.target));
        mo.disconnect();
      }
      for (const p of seen) places.set(p, (places.get(p) ?? 0) + 1);
      const elsewhere = [...places.keys()].filter((p) => p.startsWith('elsewhere') || p === 'detached');
      expect(elsewhere).toEqual([]);
      // The step bar did change (the observer is wired in), and so did some node.
      expect(places.get('step-counter')).toBeGreaterThanOrEqual(steps.length);
      expect([...places.keys()].some((p) => p.startsWith('node:'))).toBe(true);
    }, 90_000);
});
