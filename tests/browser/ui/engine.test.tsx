import '@xyflow/react/dist/style.css';
import { describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { createExplorerStore } from '../../../src/ui/store';

/** ex03 by hand in float64: z₁ = W₁x + b₁, a₁ = relu(z₁), ŷ = w₂·a₁ + b₂, L = ½(ŷ − y)². */
function ex03ByHand(b2 = 0) {
  const W1 = [
    [0.5, 0.1],
    [0.2, 0.3],
    [-0.1, 0.4],
  ];
  const x = [1, 2];
  const w2 = [0.4, 0.6, -0.2];
  const z1 = W1.map((r) => (r[0] as number) * (x[0] as number) + (r[1] as number) * (x[1] as number));
  const a1 = z1.map((z) => Math.max(0, z));
  const yhat = a1.reduce((s, a, i) => s + a * (w2[i] as number), 0) + b2;
  const dz1 = z1.map((z, i) => (z > 0 ? (yhat - 1) * (w2[i] as number) : 0));
  const dx = [0, 1].map((j) => W1.reduce((s, r, i) => s + (r[j] as number) * (dz1[i] as number), 0));
  return { loss: 0.5 * (yhat - 1) ** 2, dx };
}

const counter = () => document.querySelector('[data-testid=step-counter]')?.textContent?.replace(/\s+/g, ' ').trim();
const edge = (id: string) => document.querySelector(`[data-testid=gf-edge][data-edge-id="${id}"]`) as SVGGElement | null;

describe('the explorer on the real engine (main-thread compute, wasm backend)', () => {
  test('ex03: runs on wasm, End reaches N / N, the edge into x carries ‖∂L/∂x‖; an edit recomputes', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex03-two-layer-backprop' });
    await store.getState().init();
    const run = store.getState().run;
    expect(run?.backend).toBe('wasm');
    const n = run?.trace.steps.length ?? 0;
    expect(n).toBe(13);
    await render(<Explorer store={store} />);
    await expect.poll(() => edge('x->W1x#1'), { timeout: 15_000 }).not.toBeNull();
    store.getState().last();
    await expect.poll(counter).toBe(`${n} / ${n}`);
    const hand = ex03ByHand();
    const want = Math.hypot(...hand.dx);
    expect(Math.abs(Number(edge('x->W1x#1')?.dataset.gradNorm) - want) / want).toBeLessThan(1e-5);
    expect(edge('y->loss#1')?.dataset.gradNorm).toBe('');
    expect(store.getState().run?.trace.values.get('loss')?.data[0]).toBeCloseTo(hand.loss, 6);

    await store.getState().setInput('b2', '0.5');
    expect(store.getState().problems).toBeNull();
    expect(store.getState().cursor).toBe(n);
    expect(store.getState().run?.trace.values.get('loss')?.data[0]).toBeCloseTo(ex03ByHand(0.5).loss, 6);
  });

  test('the seed control resamples a stochastic node; the same seed gives the same draws', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex08-reinforce', options: { samples: 100 } });
    await store.getState().init();
    const draws = () => Array.from(store.getState().run?.trace.values.get('z')?.data ?? []);
    const seed0 = draws();
    expect(seed0).toHaveLength(100);
    await store.getState().setSeed(7);
    expect(store.getState().seed).toBe(7);
    const seed7 = draws();
    expect(seed7).not.toEqual(seed0);
    await store.getState().setSeed(0);
    expect(draws()).toEqual(seed0);
    await render(<Explorer store={store} />);
    await expect.poll(() => document.querySelector('input[aria-label="sampling seed"]')).not.toBeNull();
  });

  test('bad values and bad graphs come back as located problems; the last good run stays', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex03-two-layer-backprop' });
    await store.getState().init();
    const good = store.getState().run;
    await store.getState().setInput('x', '[1, 2, 3]');
    expect(store.getState().problems?.[0]).toMatchObject({ node: 'W1x' });
    expect(store.getState().run).toBe(good);
    await store.getState().loadSpec({
      nodes: [
        { id: 'a', op: 'leaf', value: 1 },
        { id: 'b', op: 'nope', inputs: ['a'] },
      ],
      objectives: [{ name: 'o', node: 'b' }],
    });
    expect(store.getState().problems).toEqual([{ node: 'b', field: 'op', message: 'unknown op "nope"' }]);
    expect(store.getState().run).toBe(good);
  });

  test('"check gradient": engine VJPs agree with tf.grads and finite differences on ex03', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex03-two-layer-backprop' });
    await store.getState().init();
    await store.getState().checkGradients();
    const g = store.getState().gradcheck;
    expect(g.status).toBe('done');
    expect(g.report?.pass).toBe(true);
    const w1 = g.report?.leaves.find((r) => r.node === 'W1');
    expect(w1?.vsTfGrads).toBeLessThan(1e-4);
    expect(w1?.vsFiniteDiff).toBeLessThan(2e-2);
    expect(g.report?.nodes.map((r) => r.node).sort()).toEqual(['W1x', 'a1', 'loss', 'w2a1', 'yhat', 'z1']);
  });

  test('no tensor leaks across repeated runs', async () => {
    const engine = await import('../../../src/ui/compute/engine');
    await engine.runRequest({ source: { kind: 'exercise', id: 'ex03-two-layer-backprop' } });
    const before = engine.liveTensors();
    for (let i = 0; i < 5; i++) await engine.runRequest({ source: { kind: 'exercise', id: 'ex03-two-layer-backprop' }, inputs: { b2: i } });
    expect(engine.liveTensors()).toBe(before);
  });
});
