import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { ExplorerStory, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { edgeEl, expectStep, gradNorm, graphReady, nodeEl, press } from '../support/play';

/**
 * Ex 3: z₁ = W₁x + b₁, a₁ = relu(z₁), ŷ = w₂·a₁ + b₂, L = ½(ŷ − y)² with x = (1, 2), y = 1.
 * By hand: z₁ = (0.7, 0.8, 0.7) (all active), ŷ = 0.62, L = 0.0722, δ = ŷ − y = −0.38,
 * ∂L/∂W₁ = δ·w₂xᵀ with ‖·‖ = 0.38·‖w₂‖·‖x‖ = 0.38·√0.56·√5 ≈ 0.635862.
 */
const meta = {
  title: 'Exercises/Ex03 Two-layer backprop',
  component: ExplorerStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  args: { graphId: 'ex03-two-layer-backprop', controls: 'full' },
} satisfies Meta<typeof ExplorerStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The forward pass ends at the loss, 0.0722. */
export const ForwardDone: Story = {
  args: { step: 6 },
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    expect(n).toBe(13);
    await expectStep(canvasElement, { at: 6, of: 13, phase: 'forward', node: 'loss' });
    expect(nodeEl(canvasElement, 'loss')?.textContent).toContain('0.0722');
  },
};

/** δ = ŷ − y = −0.38 leaves the loss: the error signal every other gradient is made of. */
export const ErrorSignal: Story = {
  args: { step: 8 },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 8, of: 13, phase: 'backward', says: 'δ = ŷ − y', node: 'loss' });
    expect(gradNorm(canvasElement, 'yhat->loss#0')).toBeCloseTo(0.38, 6);
    await press('ArrowLeft');
    await expectStep(canvasElement, { at: 7, of: 13, phase: 'seed', node: 'loss' });
    expect(edgeEl(canvasElement, 'yhat->loss#0')?.dataset.gradNorm).toBe('');
    await press('ArrowRight');
    await expectStep(canvasElement, { at: 8, of: 13, phase: 'backward', node: 'loss' });
  },
};

/** relu′(z₁) gates δ₁: every unit is active here, so the whole w₂δ passes. */
export const ReluGate: Story = {
  args: { step: 11 },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 11, of: 13, phase: 'backward', says: 'relu backward', node: 'a1' });
    // ‖w₂δ‖ = 0.38·√0.56: nothing was zeroed on the way through the relu.
    expect(gradNorm(canvasElement, 'z1->a1#0')).toBeCloseTo(0.38 * Math.sqrt(0.56), 5);
  },
};

/** Back at the parameters: ∂L/∂W₁ = δ₁xᵀ. */
export const GradientsAtW1: Story = {
  name: 'Gradients at W₁',
  args: { step: 13 },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 13, of: 13, phase: 'backward', says: 'matmul backward', node: 'W1x' });
    expect(edgeEl(canvasElement, 'W1->W1x#0')?.dataset.phase).toBe('backward');
    expect(gradNorm(canvasElement, 'W1->W1x#0')).toBeCloseTo(0.635862, 5);
  },
};
