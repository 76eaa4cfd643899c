import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { ExplorerStory, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { edgeEl, expectStep, gradNorm, graphReady, press } from '../support/play';

/**
 * Ex 10: one query q against three keys, s = Kq/√d, a = softmax(s), o = aV, L = cᵀo.
 * Recomputed in float64 (NumPy): a = [0.3275503, 0.23163418, 0.44081552],
 * grad_q = [−0.09051822, 0.05403006] (‖·‖ = 0.1054172), ‖grad_K‖ = 0.1081565, ‖ds‖ = 0.2388777.
 */
const meta = {
  title: 'Exercises/Ex10 Attention scores',
  component: ExplorerStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  args: { graphId: 'ex10-attention-scores', controls: 'full' },
} satisfies Meta<typeof ExplorerStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The attention weights a are computed and the output o = Σ aᵢvᵢ. */
export const ForwardDone: Story = {
  args: { step: 4, node: 'a' },
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    expect(n).toBe(9);
    await expectStep(canvasElement, { at: 4, of: 9, phase: 'forward', says: 'L = cᵀo', node: 'loss' });
    // The canvas node draws the tensor on one <canvas>; the inspector lists every cell's value.
    const weights = canvasElement.querySelector('[data-testid=inspector-value]')?.querySelectorAll('title');
    expect([...(weights ?? [])].map((t) => t.textContent)).toEqual(
      expect.arrayContaining(['[0] = 0.32755', '[1] = 0.231634', '[2] = 0.440816']),
    );
  },
};

/** Through the softmax: ds = a ⊙ (da − a·da), the Jacobian diag(a) − aaᵀ applied without forming it. */
export const SoftmaxJacobian: Story = {
  args: { step: 8 },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 8, of: 9, phase: 'backward', says: 'softmax backward', node: 'a' });
    expect(gradNorm(canvasElement, 's->a#0')).toBeCloseTo(0.2388777, 5);
    expect(canvasElement.querySelector('[data-panel=jacobian]')).not.toBeNull();
    await press('ArrowRight', 'ArrowLeft');
    await expectStep(canvasElement, { at: 8, of: 9, phase: 'backward', node: 'a' });
  },
};

/** grad_q and grad_K arrive: the numbers the notebook checks against finite differences. */
export const GradQAndK: Story = {
  name: 'grad q and grad K',
  args: { step: 9 },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 9, of: 9, phase: 'backward', says: 'scores backward', node: 's' });
    expect(edgeEl(canvasElement, 'q->s#0')?.dataset.phase).toBe('backward');
    expect(gradNorm(canvasElement, 'q->s#0')).toBeCloseTo(0.1054172, 5);
    expect(gradNorm(canvasElement, 'K->s#1')).toBeCloseTo(0.1081565, 5);
  },
};
