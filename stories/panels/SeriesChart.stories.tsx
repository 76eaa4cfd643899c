import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { nodesByLayer } from '../../src/ui/panels/layers';
import { SeriesChart } from '../../src/ui/panels/SeriesChart';
import { type ExplorerArgs, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { FromRun } from '../support/FromRun';

interface SeriesStoryProps extends ExplorerArgs {
  /** Which of the run's `blocks.series` to draw. */
  index: number;
}

/** A lesson curve (`blocks.series`) from the exercise's own run. */
function SeriesStory({ index }: SeriesStoryProps) {
  return (
    <FromRun>
      {(run) => {
        const series = run.blocks.series?.[index];
        return series ? <SeriesChart series={series} layers={nodesByLayer(run.graph.nodes)} /> : <p>no series {index}</p>;
      }}
    </FromRun>
  );
}

const meta = {
  title: 'Panels/Series chart',
  component: SeriesStory,
  decorators: [withExplorerStore],
  argTypes: { ...explorerArgTypes, index: { control: { type: 'number', min: 0 } } },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof SeriesStory>;
export default meta;
type Story = StoryObj<typeof meta>;

const panel = (root: HTMLElement) =>
  waitFor(() => expect(root.querySelector('[data-panel=series] svg')).not.toBeNull(), { timeout: 20_000 });

/** Ex 4: ‖∂out/∂aₗ‖ per layer falls by decades under sigmoid: a log y axis, one point per layer. */
export const GradientNormPerLayer: Story = {
  args: { graphId: 'ex04-vanishing-gradients', index: 0 },
  play: async ({ canvasElement }) => {
    await panel(canvasElement);
    const svg = canvasElement.querySelector('[data-panel=series] svg') as SVGSVGElement;
    expect(svg.getAttribute('data-log-y')).toBe('true');
    const paths = [...svg.querySelectorAll('g[data-line] path')].map((p) => p.getAttribute('d') ?? '');
    expect(paths.length).toBeGreaterThan(0);
    for (const d of paths) expect(d).not.toMatch(/NaN|Infinity/);
    // one hover target per layer 1…20
    expect(svg.querySelectorAll('rect.gf-hit').length).toBe(20);
  },
};

/** Ex 1: the derivative of f∘g over t, the engine's line with finite differences as dots on it. */
export const ChainRuleCheck: Story = {
  args: { graphId: 'ex01-scalar-chain-rule', index: 0 },
  play: async ({ canvasElement }) => {
    await panel(canvasElement);
    const lines = [...canvasElement.querySelectorAll<SVGGElement>('[data-panel=series] g[data-line]')].map((g) => [
      g.dataset.line,
      g.dataset.method,
    ]);
    expect(lines).toEqual([
      ['f∘g (reverse pass)', 'engine'],
      ['finite differences', 'finite-differences'],
    ]);
    const fd = canvasElement.querySelector('[data-panel=series] g[data-method="finite-differences"]') as SVGGElement;
    // 41 dots, no line; the engine's line is a path.
    expect(fd.querySelectorAll('circle').length).toBe(41);
    expect(fd.querySelector('path')).toBeNull();
    expect(canvasElement.querySelector('[data-panel=series] g[data-method="engine"] path')).not.toBeNull();
  },
};
