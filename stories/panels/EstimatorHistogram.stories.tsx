import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { EstimatorHistogram } from '../../src/ui/panels/EstimatorHistogram';
import { type ExplorerArgs, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { FromRun } from '../support/FromRun';
import { readNumber } from '../support/play';

/** Per-sample gradient estimates (`blocks.estimators`) as histograms, the analytic value marked. */
function EstimatorStory(_: ExplorerArgs) {
  return (
    <FromRun>
      {(run) =>
        run.blocks.estimators ? <EstimatorHistogram estimators={run.blocks.estimators} target={run.blocks.estimatorTarget} /> : null
      }
    </FromRun>
  );
}

const meta = {
  title: 'Panels/Estimator histogram',
  component: EstimatorStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  parameters: { layout: 'padded' },
} satisfies Meta<typeof EstimatorStory>;
export default meta;
type Story = StoryObj<typeof meta>;

const fact = (root: HTMLElement, label: string) => {
  const dt = [...root.querySelectorAll('[data-testid=estimates] dt')].find((d) => d.textContent === label);
  return readNumber(dt?.nextElementSibling?.textContent);
};

/**
 * Ex 8a, θ = 0.5, L = z². By hand: ∇θ E[L] = σ(θ)(1 − σ(θ)) = 0.2350037. Each REINFORCE sample is
 * L(z)(z − σ(θ)) ∈ {0, 1 − σ(θ)}: exactly two bars. The baseline spreads them but lowers the variance.
 */
export const ReinforceAndBaseline: Story = {
  args: { graphId: 'ex08-reinforce' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('[data-panel=estimator] svg')).not.toBeNull(), { timeout: 20_000 });
    const sigma = 1 / (1 + Math.exp(-0.5));
    expect(fact(canvasElement, 'analytic gradient')).toBeCloseTo(sigma * (1 - sigma), 3);
    const bars = (name: string) => [...canvasElement.querySelectorAll(`g[data-estimator="${name}"] rect[data-count]`)];
    expect(bars('reinforce').length).toBe(2);
    const count = (name: string) => bars(name).reduce((s, b) => s + Number(b.getAttribute('data-count')), 0);
    expect(count('reinforce')).toBeGreaterThan(0);
    expect(count('reinforce_baseline')).toBe(count('reinforce'));
    expect(fact(canvasElement, 'variance, REINFORCE with baseline')).toBeLessThan(fact(canvasElement, 'variance, REINFORCE'));
  },
};
