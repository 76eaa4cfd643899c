import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
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
        return series ? <SeriesChart series={series} nodeIds={run.graph.nodes.map((n) => n.id)} /> : <p>no series {index}</p>;
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
    const lines = [...canvasElement.querySelectorAll('[data-panel=series] g[data-line]')].map((g) => g.getAttribute('data-line'));
    expect(lines.some((l) => /reverse pass/.test(l ?? ''))).toBe(true);
    const fd = lines.find((l) => /finite differences/.test(l ?? ''));
    expect(fd).toBeDefined();
    expect(canvasElement.querySelectorAll(`[data-panel=series] g[data-line="${fd}"] circle`).length).toBeGreaterThan(2);
  },
};
