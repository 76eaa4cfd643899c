import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { ExplorerStory, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { edgeEl, expectStep, gradNorm, graphReady, nodeEl } from '../support/play';

/**
 * Ex 8, two graphs: (a) REINFORCE through Bernoulli samples z ~ Bernoulli(σ(θ)), with and without
 * a baseline; (b) the straight-through estimator for rounding.
 */
const meta = {
  title: 'Exercises/Ex08 Stochastic and discrete nodes',
  component: ExplorerStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  args: { graphId: 'ex08-reinforce', controls: 'full' },
} satisfies Meta<typeof ExplorerStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The samples are drawn and averaged: J estimates E[L] = σ(θ). */
export const ReinforceSamples: Story = {
  args: { step: 3 },
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    expect(n).toBe(7);
    await expectStep(canvasElement, { at: 3, of: 7, phase: 'forward', says: 'Monte Carlo estimate', node: 'J' });
    expect(nodeEl(canvasElement, 'z')?.textContent).toContain('sampled · reinforce');
  },
};

/** The bernoulli node's backward is an estimator: mean of L(zᵢ)·(zᵢ − σ(θ)), not a derivative. */
export const ReinforceEstimate: Story = {
  args: { step: 7 },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 7, of: 7, phase: 'backward', says: 'REINFORCE: ∇θ ≈', node: 'z' });
    expect(edgeEl(canvasElement, 'theta->z#0')?.dataset.phase).toBe('backward');
    expect(gradNorm(canvasElement, 'theta->z#0')).toBeGreaterThan(0);
    // the lesson panels load on their own chunk
    await waitFor(() => expect(canvasElement.querySelector('[data-panel=estimator]')).not.toBeNull(), { timeout: 20_000 });
  },
};

/** The same estimate with the batch mean of L as a baseline (lower variance). */
export const ReinforceBaseline: Story = {
  args: { step: 7, options: { estimator: 'reinforce_baseline' } },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 7, of: 7, phase: 'backward', says: 'REINFORCE with baseline', node: 'z' });
    expect(nodeEl(canvasElement, 'z')?.textContent).toContain('sampled · reinforce_baseline');
  },
};

/**
 * Straight-through on the notebook's data: round(w) already equals w_target, so the loss and
 * every gradient are 0 — the notebook's "STE better than PTQ" passes vacuously.
 */
export const SteNotebookData: Story = {
  name: 'STE on the notebook’s data',
  args: { graphId: 'ex08-ste', step: 5 },
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    expect(n).toBe(5);
    await expectStep(canvasElement, { at: 5, of: 5, phase: 'backward', says: 'straight-through', node: 'w_hat' });
    expect(gradNorm(canvasElement, 'w->w_hat#0')).toBe(0);
  },
};

/** With a shifted target the STE has work to do: dw = dŵ, passed through round as if it were the identity. */
export const SteStraightThrough: Story = {
  name: 'STE straight through',
  args: { graphId: 'ex08-ste', step: 5, options: { preset: 'shifted_target' } },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 5, of: 5, phase: 'backward', says: 'straight-through', node: 'w_hat' });
    const through = gradNorm(canvasElement, 'w->w_hat#0');
    expect(through).toBeGreaterThan(0);
    expect(through).toBe(gradNorm(canvasElement, 'w_hat->loss#0'));
  },
};
