import { describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { AttentionHeatmap } from '../../../src/ui/panels/AttentionHeatmap';
import { findAttentionStep } from '../../../src/ui/panels/attention';
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
    const screen = await render(<AttentionHeatmap trace={trace} cursor={1} />);
    await expect.element(screen.getByTestId('attention-state')).toHaveAttribute('data-computed', 'false');
    expect(cellTexts(screen.container)).toEqual([]);
    expect(screen.container.querySelectorAll('g[data-row-filled="false"]')).toHaveLength(2);
    await expect.element(screen.getByText('P is computed at step 2: step the forward pass there to fill it in.')).toBeVisible();

    await screen.rerender(<AttentionHeatmap trace={trace} cursor={2} />);
    await expect.element(screen.getByTestId('attention-state')).toHaveAttribute('data-computed', 'true');
    expect(cellTexts(screen.container)).toEqual(['0.2', '0.3', '0.5', '0.125', '0.625', '0.25']);
    await expect.element(screen.getByRole('img', { name: 'Attention weights P, 2 by 3' })).toBeVisible();
    // Larger weight, darker cell: 0.625 is darker than 0.125 (sequential scale).
    const fill = (c: string) => screen.container.querySelector(`g[data-cell="${c}"] rect`)?.getAttribute('fill') ?? '';
    const lightness = (rgb: string) => (rgb.match(/\d+/g) ?? []).map(Number).reduce((a, b) => a + b, 0);
    expect(lightness(fill('1,1'))).toBeLessThan(lightness(fill('1,0')));
  });

  test('finds the rank-2 softmax, preferring P; a vector softmax is not attention weights', () => {
    const two = makeTrace({ A: [2, 2], P: [2, 2], a: [3] }, [
      ['forward', 'a', 'softmax'],
      ['forward', 'A', 'softmax'],
      ['forward', 'P', 'softmax'],
    ]);
    expect(findAttentionStep(two)?.node).toBe('P');
    const other = makeTrace({ A: [2, 2], a: [3] }, [
      ['forward', 'a', 'softmax'],
      ['forward', 'A', 'softmax'],
    ]);
    expect(findAttentionStep(other)?.node).toBe('A');
    expect(findAttentionStep(makeTrace({ a: [3] }, [['forward', 'a', 'softmax']]))).toBeUndefined();
  });
});
