import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { ExplorerStory, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { edgeEl, expectStep, gradNorm, graphReady } from '../support/play';

/** Ex 9: twenty linear maps hₖ = Jₖhₖ₋₁ (or hₖ = hₖ₋₁ + Jₖhₖ₋₁), seeded with g at h₂₀. */
const meta = {
  title: 'Exercises/Ex09 Residual flow',
  component: ExplorerStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  args: { graphId: 'ex09-residual-flow', controls: 'full' },
} satisfies Meta<typeof ExplorerStory>;
export default meta;
type Story = StoryObj<typeof meta>;

const AT_TOP = 'h20->out#1';

/** Plain stack: twenty small Jacobians in a row, and ‖∂out/∂h₀‖ is some 1e-11 of ‖g‖. */
export const PlainVanishing: Story = {
  args: { step: 43 },
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    expect(n).toBe(43);
    await expectStep(canvasElement, { at: 43, of: 43, phase: 'backward', says: 'the norm shrinks again', node: 'h1' });
    expect(edgeEl(canvasElement, 'h0->h1#1')?.dataset.phase).toBe('backward');
    expect(gradNorm(canvasElement, AT_TOP)).toBeGreaterThan(0);
    expect(gradNorm(canvasElement, 'h0->h1#1')).toBeLessThan(1e-9 * gradNorm(canvasElement, AT_TOP));
  },
};

/** Residual stack: the identity edge h₀ → h₁ carries dh₁ to h₀ undamped. */
export const ResidualHighway: Story = {
  args: { step: 10_000, options: { residual: true } },
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    await expectStep(canvasElement, { at: n, of: n, phase: 'backward' });
    expect(edgeEl(canvasElement, 'h0->h1#0')?.dataset.phase).toBe('backward');
    expect(gradNorm(canvasElement, 'h0->h1#0')).toBeGreaterThan(gradNorm(canvasElement, AT_TOP));
  },
};
