import '@xyflow/react/dist/style.css';
import { expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import type { BakedLayout } from '../../../src/ui/canvas/baked';
import table from '../../../src/ui/canvas/bakedLayouts.json';
import { createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { createExplorerStore } from '../../../src/ui/store';

/**
 * An exercise as it opens is drawn from its baked layout (canvas/baked.ts): no elkjs pass on the
 * first graph's path. The structure the browser builds must hash as the one baked in Node, or
 * the baked layout is silently never used: this test is what tells.
 */

const count = (name: string) => performance.getEntriesByName(name).length;
const drawn = () => document.querySelector('[data-testid=canvas]')?.getAttribute('data-drawn');
/** A node's position on the flow plane, from React Flow's transform. */
const placed = (id: string) => {
  const el = document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement | null;
  const m = el?.style.transform.match(/translate\((-?[\d.]+)px, (-?[\d.]+)px\)/);
  return m ? { x: Number(m[1]), y: Number(m[2]) } : null;
};

test('ex07 opens at its baked positions with no elkjs pass; another option value is laid out by elkjs', async () => {
  const baked = (table as unknown as { layouts: BakedLayout[] }).layouts.find((b) => b.exercise === 'ex07-lora-gradients');
  if (!baked) throw new Error('ex07 is not baked');
  const layouts = count('gf:layout');
  const store = createExplorerStore(createInlineClient(), { graph: 'ex07-lora-gradients' });
  await store.getState().init();
  await render(
    <div style={{ width: 1280, height: 720 }}>
      <Explorer store={store} graphList={false} />
    </div>,
  );
  await expect.poll(drawn, { timeout: 30_000 }).toBe('true');
  expect(count('gf:layout')).toBe(layouts);
  expect(count('gf:baked')).toBeGreaterThan(0);
  // Every top-level node sits where the bake put it (a frame's members are placed relative to it).
  const inFrame = new Set(
    store
      .getState()
      .run?.graph.nodes.filter((n) => n.group)
      .map((n) => n.id),
  );
  const top = baked.nodes.filter((d) => d.set?.position && !inFrame.has(d.id));
  expect(top.length).toBeGreaterThan(3);
  for (const d of top) expect(placed(d.id), d.id).toEqual(d.set?.position);

  // Full fine-tuning is another structure: laid out now, by elkjs.
  await store.getState().setOption('adapter', 'full');
  await expect.poll(() => count('gf:layout'), { timeout: 30_000 }).toBe(layouts + 1);
  await expect.poll(drawn, { timeout: 30_000 }).toBe('true');
}, 90_000);
