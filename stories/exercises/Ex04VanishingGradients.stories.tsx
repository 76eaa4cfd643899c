import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { ExplorerStory, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { edgeEl, expectStep, gradNorm, graphReady } from '../support/play';

/**
 * Ex 4: a 20-layer network, aₗ = act(Wₗaₗ₋₁), seeded with δ at a₂₀. Its layers are folded into
 * blocks; the edge x → layer 1 carries ‖∂out/∂x‖, the edge a₂₀ → out carries ‖δ‖.
 */
const meta = {
  title: 'Exercises/Ex04 Vanishing gradients',
  component: ExplorerStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  args: { graphId: 'ex04-vanishing-gradients', controls: 'full', step: 83 },
} satisfies Meta<typeof ExplorerStory>;
export default meta;
type Story = StoryObj<typeof meta>;

const AT_X = 'x->z1#1';
const AT_TOP = 'a20->out#1';

/** Sigmoid, weights randn × 0.3: σ′ ≤ ¼ per layer, and the gradient at x all but vanishes. */
export const SigmoidVanishing: Story = {
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    expect(n).toBe(83);
    await expectStep(canvasElement, { at: 83, of: 83, phase: 'backward', says: 'matmul backward' });
    expect(edgeEl(canvasElement, AT_X)?.dataset.phase).toBe('backward');
    expect(gradNorm(canvasElement, AT_TOP)).toBeGreaterThan(0);
    expect(gradNorm(canvasElement, AT_X)).toBeLessThan(1e-6 * gradNorm(canvasElement, AT_TOP));
  },
};

/** ReLU with He initialisation: the norm survives twenty layers within an order of magnitude. */
export const ReluHe: Story = {
  name: 'ReLU + He',
  args: { options: { activation: 'relu', init: 'he' } },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 83, of: 83, phase: 'backward' });
    const ratio = gradNorm(canvasElement, AT_X) / gradNorm(canvasElement, AT_TOP);
    expect(ratio).toBeGreaterThan(0.1);
    expect(ratio).toBeLessThan(10);
  },
};

/**
 * Sigmoid again, with residual connections aₗ = aₗ₋₁ + σ(zₗ): the identity edge x → a₁ carries
 * ∂out/∂a₁ down undamped. (More nodes, so more steps: `step` past the end lands on the last.)
 * Layer 1 is open: folded, x's two edges into it (to z₁ and a₁) are drawn as one merged edge.
 */
export const Residual: Story = {
  args: {
    options: { residual: true },
    step: 10_000,
    folded: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`layer${i + 1}`, i > 0])),
  },
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    expect(n).toBeGreaterThan(83);
    await waitFor(() => expect(edgeEl(canvasElement, 'x->a1#0')).not.toBeNull());
    await expectStep(canvasElement, { at: n, of: n, phase: 'backward' });
    expect(edgeEl(canvasElement, 'x->a1#0')?.dataset.phase).toBe('backward');
    expect(gradNorm(canvasElement, 'x->a1#0') / gradNorm(canvasElement, AT_TOP)).toBeGreaterThan(0.5);
  },
};
