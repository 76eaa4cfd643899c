import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { compile } from '../../../src/core/compile';
import '../../../src/core/ops/index';
import type { GraphSpec, NodeSpec } from '../../../src/core/types';
import { run } from '../../../src/engine/run';
import { LessonPanels } from '../../../src/ui/panels/LessonPanels';
import { layerFromId } from '../../../src/ui/panels/layers';
import { MemoryTimeline } from '../../../src/ui/panels/MemoryTimeline';
import { liveActivations } from '../../../src/ui/panels/memory';
import { makeTrace, type StepSpec } from './fixtures';

// Three layers, checkpointing frees z1 and z2 after use and recomputes them in backward.
const steps: StepSpec[] = [
  ['forward', 'z1'],
  ['forward', 'a1'],
  ['free', 'z1'],
  ['forward', 'z2'],
  ['forward', 'a2'],
  ['free', 'z2'],
  ['forward', 'z3'],
  ['forward', 'a3'],
  ['forward', 'loss'],
  ['seed', 'loss'],
  ['backward', 'loss'],
  ['backward', 'a3'],
  ['backward', 'z3'],
  ['recompute', 'z2'],
  ['backward', 'a2'],
  ['free', 'z2'],
  ['recompute', 'z1'],
  ['backward', 'z2'],
  ['free', 'z1'],
];
// Live layer activations after steps[0..k−1], counted by hand (loss is not a layer node).
const expected = [0, 1, 2, 1, 2, 3, 2, 3, 4, 4, 4, 4, 4, 4, 5, 5, 4, 5, 5, 4];
const shapes = Object.fromEntries(['x', 'W1', 'z1', 'a1', 'W2', 'z2', 'a2', 'W3', 'z3', 'a3', 'loss'].map((id) => [id, [3]]));

describe('MemoryTimeline', () => {
  test('live counts follow forward/free/recompute of layer nodes; the peak is their maximum', async () => {
    const trace = makeTrace(shapes, steps);
    const live = liveActivations(trace.steps, layerFromId);
    expect(live.counts).toEqual(expected);
    expect(live.peak).toBe(Math.max(...expected));
    expect(live.peakAt).toBe(expected.indexOf(Math.max(...expected)));

    const stats = { peak_live_activations: 5, peak_live_activations_no_checkpoint: 6, forward_evaluations: 9 };
    const screen = await render(<MemoryTimeline steps={trace.steps} cursor={8} stats={stats} />);
    const svg = screen.getByRole('img', { name: /Live layer activations over 19 steps/ });
    await expect.element(svg).toHaveAttribute('data-peak', String(Math.max(...expected)));
    await expect.element(svg).toHaveAttribute('data-cursor', '8');
    await expect.element(screen.getByTestId('memory-now')).toHaveTextContent(`${expected[8]} live (step 8 of 19)`);
    await expect.element(screen.getByTestId('memory-peak-text')).toHaveTextContent('5 (step 14)');
    await expect.element(screen.getByTestId('memory-peak')).toHaveTextContent('peak 5');
    // Both peak statistics become reference lines; every statistic is listed.
    expect([...screen.container.querySelectorAll('g[data-stat]')].map((g) => g.getAttribute('data-stat'))).toEqual([
      'peak_live_activations',
      'peak_live_activations_no_checkpoint',
    ]);
    await expect.element(screen.getByText('peak live activations no checkpoint: 6')).toBeInTheDocument();
    await expect.element(screen.getByText('forward evaluations')).toBeVisible();
    // One phase tick per step.
    expect(screen.container.querySelectorAll('rect[data-phase]')).toHaveLength(steps.length);
    expect(screen.container.querySelectorAll('rect[data-phase="recompute"]')).toHaveLength(2);
  });

  test('the cursor is clamped to the trace and the step line has one point per step', async () => {
    const trace = makeTrace(shapes, steps);
    const screen = await render(<MemoryTimeline steps={trace.steps} cursor={99} />);
    await expect.element(screen.getByTestId('memory-now')).toHaveTextContent('4 live (step 19 of 19)');
    const d = screen.container.querySelector('svg[data-peak] > path')?.getAttribute('d') ?? '';
    expect(d).not.toMatch(/NaN/);
  });
});

describe('MemoryTimeline on a real engine trace', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  test('the counted peak equals the engine’s peakLiveActivations, with and without checkpointing', async () => {
    const L = 6;
    const nodes: NodeSpec[] = [{ id: 'x', op: 'leaf', value: [0.5, -0.2, 0.8], role: 'input' }];
    for (let l = 1; l <= L; l++) {
      nodes.push({
        id: `W${l}`,
        op: 'leaf',
        role: 'param',
        value: [
          [0.9, 0.1, -0.2],
          [0.3, 0.8, 0.1],
          [-0.1, 0.2, 0.7],
        ],
      });
      nodes.push({ id: `z${l}`, op: 'matmul', inputs: [`W${l}`, l === 1 ? 'x' : `a${l - 1}`], layer: l });
      nodes.push({ id: `a${l}`, op: 'tanh', inputs: [`z${l}`], layer: l });
    }
    nodes.push({ id: 'loss', op: 'sum', inputs: [`a${L}`], attrs: { axis: null } });
    const spec: GraphSpec = { nodes, objectives: [{ name: 'loss', node: 'loss' }] };
    const program = compile(spec);
    const byTag = (id: string) => program.nodes.get(id)?.spec.layer;

    for (const k of [0, 2, 3]) {
      const trace = run(program, { checkpointEvery: k });
      const live = liveActivations(trace.steps, layerFromId);
      expect(live.peak).toBe(trace.stats.peakLiveActivations);
      expect(liveActivations(trace.steps, byTag).counts).toEqual(live.counts);
      expect(Math.min(...live.counts)).toBe(0);
      if (k > 0) expect(trace.steps.some((s) => s.phase === 'recompute')).toBe(true);

      const screen = await render(
        <LessonPanels
          exerciseId="chain"
          blocks={{ stats: { peak_live_activations: trace.stats.peakLiveActivations } }}
          trace={trace}
          cursor={5}
        />,
      );
      await expect
        .element(screen.getByRole('img', { name: /Live layer activations/ }))
        .toHaveAttribute('data-peak', String(trace.stats.peakLiveActivations));
      await screen.unmount();
    }
  });
});
