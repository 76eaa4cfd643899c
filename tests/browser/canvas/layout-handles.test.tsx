import '@xyflow/react/dist/style.css';
import '../../../src/ui/styles.css';
import { describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { syntheticGraph } from '../../../bench/synthetic';
import { buildStructure } from '../../../src/ui/canvas/flow';
import { flowHandles } from '../../../src/ui/canvas/handles';
import { layoutStructure } from '../../../src/ui/canvas/layout';
import { createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { createExplorerStore, type ExplorerStore } from '../../../src/ui/store';

/** Each mounted handle's box relative to its node, in flow px (as React Flow measures it). */
function measuredHandles(): Map<string, { x: number; y: number; w: number; h: number }> {
  const t = (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform;
  const zoom = Number(/scale\(([\d.e-]+)\)/.exec(t)?.[1]);
  const out = new Map<string, { x: number; y: number; w: number; h: number }>();
  for (const node of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
    const nr = node.getBoundingClientRect();
    for (const h of node.querySelectorAll<HTMLElement>('.react-flow__handle')) {
      const r = h.getBoundingClientRect();
      const key = `${node.dataset.id}/${h.dataset.handleid}`;
      out.set(key, { x: (r.left - nr.left) / zoom, y: (r.top - nr.top) / zoom, w: r.width / zoom, h: r.height / zoom });
    }
  }
  return out;
}

async function show(store: ExplorerStore) {
  await render(
    <div style={{ width: 1280, height: 800 }}>
      <Explorer store={store} controls="steps" graphList={false} />
    </div>,
  );
  await expect.poll(() => document.querySelectorAll('.react-flow__handle').length, { timeout: 30_000 }).toBeGreaterThan(5);
  await new Promise((r) => setTimeout(r, 500));
}

describe('handles given to React Flow are where the DOM puts them', () => {
  for (const [name, folded] of [
    ['ex03', null],
    ['attention blocks, folded', { attn1: true, attn2: true }],
  ] as const)
    test(`${name}: every handle of every mounted node, within half a pixel`, async () => {
      const store = createExplorerStore(createInlineClient(), name === 'ex03' ? { graph: 'ex03-two-layer-backprop' } : {});
      if (name === 'ex03') await store.getState().init();
      else {
        await store.getState().loadSpec(syntheticGraph('attention', 27));
        store.setState({ folded: { ...folded } });
      }
      await show(store);
      const s = store.getState();
      const run = s.run;
      if (!run) throw new Error('no run');
      // The same layout the canvas made (neither graph wraps: the canvas's shape does not matter).
      const laid = await layoutStructure(buildStructure(run.graph, run.trace.objectiveNode, s.folded));
      const measured = measuredHandles();
      let compared = 0;
      for (const n of laid.nodes) {
        for (const h of flowHandles(n) ?? []) {
          const m = measured.get(`${n.id}/${h.id}`);
          if (!m) continue; // not mounted (out of view)
          compared++;
          expect(Math.abs(m.x - h.x), `${n.id}/${h.id} x`).toBeLessThanOrEqual(0.5);
          expect(Math.abs(m.y - h.y), `${n.id}/${h.id} y`).toBeLessThanOrEqual(0.5);
          expect(Math.abs(m.w - (h.width ?? 0)), `${n.id}/${h.id} width`).toBeLessThanOrEqual(0.5);
          expect(Math.abs(m.h - (h.height ?? 0)), `${n.id}/${h.id} height`).toBeLessThanOrEqual(0.5);
        }
      }
      // ex03: 12 nodes; folded: X, two blocks, Y and the loss (9 handles).
      expect(compared).toBeGreaterThanOrEqual(9);
    }, 60_000);
});
