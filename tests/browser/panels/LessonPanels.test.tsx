import { describe, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import type { LessonBlocks } from '../../../src/engine/exercise';
import { LessonPanels } from '../../../src/ui/panels/LessonPanels';
import { makeTrace, snapshot } from './fixtures';

const kinds = (root: Element) => [...root.querySelectorAll('[data-panel]')].map((p) => p.getAttribute('data-panel'));
const plainTrace = makeTrace({ x: [2], y: [], loss: [] }, [
  ['forward', 'loss'],
  ['seed', 'loss'],
]);

describe('LessonPanels', () => {
  test('nothing to show → renders nothing', async () => {
    const screen = await render(<LessonPanels exerciseId="custom" blocks={{}} trace={plainTrace} cursor={0} />);
    expect(screen.container.innerHTML).toBe('');
  });

  test('picks one panel per block, in a fixed order, whatever the exercise id', async () => {
    const blocks: LessonBlocks = {
      tables: [{ title: 'Parameter counts', columns: ['model', 'params'], rows: [['LoRA', 28]] }],
      training: { lr: 0.1, steps: 2, runs: [{ label: 'SGD', losses: [1, 0.5, 0.25] }] },
      series: [{ title: 'curve', xLabel: 't', yLabel: 'y', x: [0, 1], lines: [{ label: 'y', y: [0, 1], method: 'engine' }] }],
      jacobians: { J: [[1, 2]] },
      // Machine-readable records draw nothing; labelled facts become the statistics table.
      estimates: { analytic: 0.25 },
      stats: { peak_live_activations: 3 },
      facts: [{ label: 'analytic gradient', value: 0.25 }],
    };
    const screen = await render(<LessonPanels exerciseId="anything" blocks={blocks} trace={plainTrace} cursor={0} />);
    expect(kinds(screen.container)).toEqual(['series', 'training', 'jacobian', 'table', 'table']);
    await expect.element(screen.getByRole('table', { name: 'Statistics' })).toHaveTextContent('analytic gradient0.25');
  });

  test('attention heatmap appears for the node the attention block names and follows the cursor', async () => {
    const P = snapshot([2, 2], [0.25, 0.75, 0.5, 0.5]);
    const trace = makeTrace(
      { S: [2, 2], P: [2, 2], loss: [] },
      [
        ['forward', 'S', 'attn_scores'],
        ['forward', 'P', 'softmax', P],
        ['forward', 'loss', 'dot'],
      ],
      { P },
    );
    const table = { title: 'Memory of P', columns: ['T', 'MB'], rows: [[512, 0.5]] };
    // A softmax alone is no attention panel: the block asks for it.
    const without = await render(<LessonPanels exerciseId="x" blocks={{ tables: [table] }} trace={trace} cursor={3} />);
    expect(kinds(without.container)).toEqual(['table']);
    await without.unmount();
    const blocks: LessonBlocks = { attention: { node: 'P' }, tables: [table] };
    const screen = await render(<LessonPanels exerciseId="ex06-attention-backward" blocks={blocks} trace={trace} cursor={3} />);
    expect(kinds(screen.container)).toEqual(['attention', 'table']);
    await expect.element(screen.getByTestId('attention-state')).toHaveAttribute('data-computed', 'true');
    await screen.rerender(<LessonPanels exerciseId="ex06-attention-backward" blocks={blocks} trace={trace} cursor={0} />);
    await expect.element(screen.getByTestId('attention-state')).toHaveAttribute('data-computed', 'false');
  });

  test('a depth series is linked to the canvas through the nodes’ layer tags', async () => {
    const onHighlight = vi.fn();
    const trace = makeTrace({ x: [3], h1: [3], h2: [3], g: [3], out: [] }, [
      ['forward', 'h1'],
      ['forward', 'h2'],
      ['forward', 'out'],
    ]);
    const blocks: LessonBlocks = {
      series: [
        {
          title: 'norm vs depth',
          xLabel: 'depth',
          yLabel: 'norm',
          logY: true,
          x: [0, 1, 2],
          lines: [{ label: 'plain', y: [1e-6, 1e-3, 1], method: 'engine' }],
        },
      ],
    };
    const nodes = [{ id: 'x' }, { id: 'h1', layer: 1 }, { id: 'h2', layer: 2 }, { id: 'g' }, { id: 'out' }];
    const screen = await render(
      <LessonPanels exerciseId="ex09-residual-flow" blocks={blocks} trace={trace} cursor={0} onHighlight={onHighlight} nodes={nodes} />,
    );
    await userEvent.hover(screen.container.querySelector('rect.gf-hit[data-x="2"]') as SVGRectElement);
    expect(onHighlight).toHaveBeenLastCalledWith(['h2']);
    await userEvent.unhover(screen.container.querySelector('rect.gf-hit[data-x="2"]') as SVGRectElement);
    expect(onHighlight).toHaveBeenLastCalledWith(null);

    const retagged = [{ id: 'x', layer: 0 }, { id: 'h1' }, { id: 'h2' }, { id: 'g', layer: 1 }, { id: 'out' }];
    await screen.rerender(
      <LessonPanels exerciseId="ex09-residual-flow" blocks={blocks} trace={trace} cursor={0} onHighlight={onHighlight} nodes={retagged} />,
    );
    await userEvent.hover(screen.container.querySelector('rect.gf-hit[data-x="1"]') as SVGRectElement);
    expect(onHighlight).toHaveBeenLastCalledWith(['g']);
  });

  test('the memory timeline appears for a memory block, never for free steps or stat names alone', async () => {
    const layered = makeTrace({ z1: [2], a1: [2], loss: [] }, [
      ['forward', 'z1'],
      ['forward', 'a1'],
      ['free', 'z1'],
      ['forward', 'loss'],
    ]);
    const screen = await render(
      <LessonPanels exerciseId="ex05" blocks={{ stats: { peak_live_activations: 2 } }} trace={layered} cursor={4} />,
    );
    expect(kinds(screen.container)).toEqual([]);
    const memory = { live: [0, 1, 2, 1, 1], peak: 2, peakAt: 2, marks: [], facts: [] };
    await screen.rerender(<LessonPanels exerciseId="ex05" blocks={{ memory }} trace={layered} cursor={4} />);
    expect(kinds(screen.container)).toEqual(['memory']);
  });

  test('text from the graph is rendered as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const blocks: LessonBlocks = {
      series: [{ title: hostile, xLabel: hostile, yLabel: 'y', x: [0, 1], lines: [{ label: hostile, y: [1, 2], method: 'engine' }] }],
      tables: [{ title: hostile, columns: [hostile], rows: [[hostile]] }],
    };
    const screen = await render(<LessonPanels exerciseId={hostile} blocks={blocks} trace={plainTrace} cursor={0} />);
    expect(screen.container.querySelector('img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(screen.container.textContent).toContain(hostile);
  });
});
