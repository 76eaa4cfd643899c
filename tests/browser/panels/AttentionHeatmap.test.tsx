import { describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { AttentionHeatmap } from '../../../src/ui/panels/AttentionHeatmap';
import { makeTrace, snapshot } from './fixtures';

const P = snapshot([2, 3], [0.2, 0.3, 0.5, 0.125, 0.625, 0.25]);
const shapes = { Q: [2, 4], K: [3, 4], V: [3, 4], S: [2, 3], P: [2, 3], O: [2, 4], loss: [] };
const trace = makeTrace(
  shapes,
  [
    ['forward', 'S', 'attn_scores'],
    ['forward', 'P', 'softmax', P],
    ['forward', 'O', 'matmul'],
    ['forward', 'loss', 'dot'],
    ['seed', 'loss'],
  ],
  { P },
);
const cellTexts = (root: Element) => [...root.querySelectorAll('g[data-cell] text')].map((t) => t.textContent);

describe('AttentionHeatmap', () => {
  test('P stays empty until the cursor passes its forward step, then shows every weight', async () => {
    const screen = await render(<AttentionHeatmap trace={trace} node="P" cursor={1} />);
    await expect.element(screen.getByTestId('attention-state')).toHaveAttribute('data-computed', 'false');
    expect(cellTexts(screen.container)).toEqual([]);
    expect(screen.container.querySelectorAll('g[data-row-filled="false"]')).toHaveLength(2);
    await expect.element(screen.getByText('P is computed at step 2: step the forward pass there to fill it in.')).toBeVisible();

    await screen.rerender(<AttentionHeatmap trace={trace} node="P" cursor={2} />);
    await expect.element(screen.getByTestId('attention-state')).toHaveAttribute('data-computed', 'true');
    expect(cellTexts(screen.container)).toEqual(['0.2', '0.3', '0.5', '0.125', '0.625', '0.25']);
    await expect.element(screen.getByRole('img', { name: 'Attention weights P, 2 by 3' })).toBeVisible();
    // Larger weight, darker cell: 0.625 is darker than 0.125 (sequential scale).
    const fill = (c: string) => screen.container.querySelector(`g[data-cell="${c}"] rect`)?.getAttribute('fill') ?? '';
    const lightness = (rgb: string) => (rgb.match(/\d+/g) ?? []).map(Number).reduce((a, b) => a + b, 0);
    expect(lightness(fill('1,1'))).toBeLessThan(lightness(fill('1,0')));
  });

  test('shows the node the lesson names, whatever its op or id; a node with no forward step draws nothing', async () => {
    const A = snapshot([2, 2], [0.9, 0.1, 0.4, 0.6]);
    const two = makeTrace(
      { A: [2, 2], P: [2, 2] },
      [
        ['forward', 'P', 'softmax', snapshot([2, 2], [0.5, 0.5, 0.5, 0.5])],
        ['forward', 'A', 'mul', A],
      ],
      { A },
    );
    const screen = await render(<AttentionHeatmap trace={two} node="A" cursor={2} />);
    expect(cellTexts(screen.container)).toEqual(['0.9', '0.1', '0.4', '0.6']);
    await screen.rerender(<AttentionHeatmap trace={two} node="missing" cursor={2} />);
    expect(screen.container.innerHTML).toBe('');
  });
});
