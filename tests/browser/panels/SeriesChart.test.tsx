import { describe, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import type { Series } from '../../../src/engine/exercise';
import { nodesByLayer } from '../../../src/ui/panels/layers';
import { SeriesChart } from '../../../src/ui/panels/SeriesChart';
import { pathNumbers } from './fixtures';

const decades: Series = {
  title: 'Gradient norm vs depth',
  xLabel: 'layer',
  yLabel: '‖∂out/∂a‖',
  logY: true,
  x: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  lines: [{ label: 'sigmoid', y: [1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1], method: 'engine' }],
};

/** The plot's top and bottom in the chart's units, from a hit column (it spans the plot's height). */
function plotBand(container: HTMLElement): { top: number; bottom: number } {
  const hit = container.querySelector('rect.gf-hit') as SVGRectElement;
  const top = Number(hit.getAttribute('y'));
  return { top, bottom: top + Number(hit.getAttribute('height')) };
}

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
    const band = plotBand(screen.container);
    expect(band.bottom - band.top).toBeGreaterThan(100);
    expect(ys[0]).toBeCloseTo(band.bottom, 2);
    expect(ys[9]).toBeCloseTo(band.top, 2);
    const gap = ((ys[0] as number) - (ys[9] as number)) / 9;
    for (let i = 1; i < 10; i++) expect((ys[i - 1] as number) - (ys[i] as number)).toBeCloseTo(gap, 2);
    // Decade tick labels, thinned, include both ends.
    const ticks = [...screen.container.querySelectorAll('.gf-axis .tick text')].map((t) => t.textContent);
    expect(ticks).toContain('10⁻⁹');
    expect(ticks).toContain('1');
    expect(screen.container.querySelector('svg')?.getAttribute('data-log-y')).toBe('true');
  });

  test('values ≤ 0 are left out of a log scale and counted in a note', async () => {
    const s: Series = { ...decades, lines: [{ label: 'relu', y: [1, 0.5, 0, 0.25, 0.1, 0.1, -1, 0.1, 0.1, 0.1], method: 'engine' }] };
    const screen = await render(<SeriesChart series={s} />);
    const d = screen.container.querySelector('g[data-line="relu"] path')?.getAttribute('d') ?? '';
    expect(d).not.toMatch(/NaN|Infinity/);
    // Three pieces: [0,1], [3..5], [7..9] → three moveto commands.
    expect(d.match(/M/g)).toHaveLength(3);
    await expect.element(screen.getByText('2 values are zero or negative and cannot appear on the log scale.')).toBeVisible();
  });

  test('hovering a depth point highlights that layer’s nodes, leaving clears it', async () => {
    const onHighlight = vi.fn();
    // Layer tags as the graph gives them (NodeModel.layer); weights and the output have none.
    const tagged: [string, number | undefined][] = [
      ['x', undefined],
      ['a0', 0],
      ['W1', undefined],
      ['z1', 1],
      ['a1', 1],
      ['W2', undefined],
      ['z2', 2],
      ['a2', 2],
      ['W3', undefined],
      ['z3', 3],
      ['a3', 3],
      ['out', undefined],
    ];
    const layers = nodesByLayer(tagged.map(([id, layer]) => ({ id, layer })));
    const s: Series = { ...decades, x: [0, 1, 2, 3], lines: [{ label: 'relu', y: [0.9, 0.7, 0.5, 0.3], method: 'engine' }] };
    const screen = await render(<SeriesChart series={s} layers={layers} onHighlight={onHighlight} />);
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
        { label: 'd(f∘g)/dt (engine)', y: [1, 2, 3, 4, 5], method: 'engine', quantity: 'f∘g' },
        { label: 'd(f∘g)/dt (FD)', y: [1, 2, 3, 4, 5], method: 'finite-differences', quantity: 'f∘g' },
      ],
    };
    const screen = await render(
      <SeriesChart series={s} layers={nodesByLayer([{ id: 't' }, { id: 'g' }, { id: 'f' }, { id: 'fg' }])} onHighlight={onHighlight} />,
    );
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

  test('the method, not the label, makes a line finite differences; quantity, not the label, pairs colours', async () => {
    const s: Series = {
      title: 'labels that mislead',
      xLabel: 't',
      yLabel: 'y',
      x: [0, 1, 2],
      lines: [
        { label: 'finite differences (engine)', y: [1, 2, 3], method: 'engine', quantity: 'a' },
        { label: 'engine', y: [1, 2, 3], method: 'finite-differences', quantity: 'b' },
        { label: 'FD', y: [3, 2, 1], method: 'finite-differences', quantity: 'a' },
      ],
    };
    const screen = await render(<SeriesChart series={s} />);
    const g = (label: string) => screen.container.querySelector(`g[data-line="${label}"]`) as SVGGElement;
    expect(g('finite differences (engine)').querySelector('path')).not.toBeNull();
    expect(g('engine').querySelector('path')).toBeNull();
    expect(g('FD').querySelector('path')).toBeNull();
    const colour = (label: string) => g(label).querySelector('circle')?.getAttribute('stroke');
    expect(colour('FD')).toBe(colour('finite differences (engine)'));
    expect(colour('engine')).not.toBe(colour('FD'));
    expect([...screen.container.querySelectorAll<SVGGElement>('g[data-line]')].map((e) => e.dataset.method)).toEqual([
      'engine',
      'finite-differences',
      'finite-differences',
    ]);
  });

  test('layers come from the nodes’ layer tags, whatever the ids', () => {
    const m = nodesByLayer([{ id: 'z12', layer: 12 }, { id: 'q', layer: 12 }, { id: 'a1', layer: 1 }, { id: 'h12' }, { id: 'W12' }]);
    expect(m.get(12)).toEqual(['q', 'z12']);
    expect(m.get(1)).toEqual(['a1']);
    expect([...m.keys()].sort()).toEqual([1, 12]);
  });
});
