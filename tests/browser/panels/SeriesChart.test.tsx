import { describe, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import type { Series } from '../../../src/engine/exercise';
import { CHART } from '../../../src/ui/panels/frame';
import { layerFromId, nodesOfLayer } from '../../../src/ui/panels/layers';
import { SeriesChart } from '../../../src/ui/panels/SeriesChart';
import { pathNumbers } from './fixtures';

const decades: Series = {
  title: 'Gradient norm vs depth',
  xLabel: 'layer',
  yLabel: '‖∂out/∂a‖',
  logY: true,
  x: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  lines: [{ label: 'sigmoid', y: [1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1] }],
};

const plotBottom = CHART.height - CHART.bottom;

describe('SeriesChart', () => {
  test('a log-scale series spanning 1e-9…1 gives finite coordinates, one decade per equal step', async () => {
    const screen = await render(<SeriesChart series={decades} />);
    const path = screen.container.querySelector('g[data-line="sigmoid"] path') as SVGPathElement;
    const d = path.getAttribute('d') ?? '';
    expect(d).not.toMatch(/NaN|Infinity/);
    const nums = pathNumbers(d);
    expect(nums).toHaveLength(20); // 10 points × (x, y)
    expect(nums.every(Number.isFinite)).toBe(true);
    const ys = nums.filter((_, i) => i % 2 === 1);
    // 1e-9 at the bottom of the plot, 1 at the top, evenly spaced in between (log scale).
    expect(ys[0]).toBeCloseTo(plotBottom, 2);
    expect(ys[9]).toBeCloseTo(CHART.top, 2);
    const gap = ((ys[0] as number) - (ys[9] as number)) / 9;
    for (let i = 1; i < 10; i++) expect((ys[i - 1] as number) - (ys[i] as number)).toBeCloseTo(gap, 2);
    // Decade tick labels, thinned, include both ends.
    const ticks = [...screen.container.querySelectorAll('.gf-axis .tick text')].map((t) => t.textContent);
    expect(ticks).toContain('10⁻⁹');
    expect(ticks).toContain('1');
    expect(screen.container.querySelector('svg')?.getAttribute('data-log-y')).toBe('true');
  });

  test('values ≤ 0 are left out of a log scale and counted in a note', async () => {
    const s: Series = { ...decades, lines: [{ label: 'relu', y: [1, 0.5, 0, 0.25, 0.1, 0.1, -1, 0.1, 0.1, 0.1] }] };
    const screen = await render(<SeriesChart series={s} />);
    const d = screen.container.querySelector('g[data-line="relu"] path')?.getAttribute('d') ?? '';
    expect(d).not.toMatch(/NaN|Infinity/);
    // Three pieces: [0,1], [3..5], [7..9] → three moveto commands.
    expect(d.match(/M/g)).toHaveLength(3);
    await expect.element(screen.getByText('2 values are zero or negative and cannot appear on the log scale.')).toBeVisible();
  });

  test('hovering a depth point highlights that layer’s nodes, leaving clears it', async () => {
    const onHighlight = vi.fn();
    const ids = ['x', 'a0', 'W1', 'z1', 'a1', 'W2', 'z2', 'a2', 'W3', 'z3', 'a3', 'out'];
    const s: Series = { ...decades, x: [0, 1, 2, 3], lines: [{ label: 'relu', y: [0.9, 0.7, 0.5, 0.3] }] };
    const screen = await render(<SeriesChart series={s} nodeIds={ids} onHighlight={onHighlight} />);
    const hit = screen.container.querySelector('rect.gf-hit[data-x="2"]') as SVGRectElement;
    await userEvent.hover(hit);
    expect(onHighlight).toHaveBeenLastCalledWith(['a2', 'z2']);
    await expect.element(screen.getByText(/layer = 2 · relu: 0\.5 · nodes a2, z2/)).toBeVisible();
    await userEvent.unhover(hit);
    expect(onHighlight).toHaveBeenLastCalledWith(null);
    await userEvent.hover(screen.container.querySelector('rect.gf-hit[data-x="0"]') as SVGRectElement);
    expect(onHighlight).toHaveBeenLastCalledWith(['a0']);
    expect(screen.container.querySelector('svg')?.getAttribute('role')).toBe('group');
    // Keyboard: points are focusable and focus does what hover does.
    const three = screen.container.querySelector('rect.gf-hit[data-x="3"]') as SVGRectElement;
    expect(three.getAttribute('tabindex')).toBe('0');
    three.focus();
    await expect.poll(() => onHighlight.mock.lastCall).toEqual([['a3', 'z3']]);
    three.blur();
    await expect.poll(() => onHighlight.mock.lastCall).toEqual([null]);
  });

  test('a series over t (not layers) is not linked: hovering shows values and highlights nothing', async () => {
    const onHighlight = vi.fn();
    const s: Series = {
      title: 'd/dt',
      xLabel: 't',
      yLabel: 'derivative',
      x: [-1, -0.5, 0, 0.5, 1],
      lines: [
        { label: 'd(f∘g)/dt (engine)', y: [1, 2, 3, 4, 5] },
        { label: 'd(f∘g)/dt (FD)', y: [1, 2, 3, 4, 5] },
      ],
    };
    const screen = await render(<SeriesChart series={s} nodeIds={['t', 'g', 'f', 'fg']} onHighlight={onHighlight} />);
    await userEvent.hover(screen.container.querySelector('rect.gf-hit[data-x="0.5"]') as SVGRectElement);
    await expect.element(screen.getByText('t = 0.5 · d(f∘g)/dt (engine): 4 · d(f∘g)/dt (FD): 4')).toBeVisible();
    expect(onHighlight).not.toHaveBeenCalled();
    expect(screen.container.querySelector('svg')?.getAttribute('role')).toBe('img');
    // Engine: a solid line; finite differences: hollow dots over it, same colour.
    const engine = screen.container.querySelector('g[data-line="d(f∘g)/dt (engine)"] path');
    const fd = screen.container.querySelectorAll('g[data-line="d(f∘g)/dt (FD)"] circle');
    expect(screen.container.querySelector('g[data-line="d(f∘g)/dt (FD)"] path')).toBeNull();
    expect(fd).toHaveLength(5);
    expect(fd[0]?.getAttribute('stroke')).toBe(engine?.getAttribute('stroke'));
  });

  test('layer mapping reads the notebook names and nothing else', () => {
    expect(['a3', 'z3', 'h3', 'W3', 'J3', 'a', 'za3', 'x'].map(layerFromId)).toEqual([
      3,
      3,
      3,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(nodesOfLayer(12, ['z12', 'a12', 'a1', 'h12', 'W12'])).toEqual(['a12', 'h12', 'z12']);
    expect(nodesOfLayer(1, ['p', 'q'], (id) => (id === 'q' ? 1 : undefined))).toEqual(['q']);
  });
});
