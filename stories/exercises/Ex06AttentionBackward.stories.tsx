import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { ExplorerStory, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { edgeEl, expectStep, gradNorm, graphReady, press } from '../support/play';

/** Ex 6: S = QKᵀ/√d, P = softmax(S), O = PV, and the gradients dQ, dK, dV back through them. */
const meta = {
  title: 'Exercises/Ex06 Attention backward',
  component: ExplorerStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  args: { graphId: 'ex06-attention-backward', controls: 'full' },
} satisfies Meta<typeof ExplorerStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Forward pass done: O = PV and the loss are on the canvas, no gradient yet. */
export const ForwardDone: Story = {
  args: { step: 4 },
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 4, of: n, phase: 'forward', says: 'L = Σ dO ⊙ O', node: 'loss' });
    expect(edgeEl(canvasElement, 'P->O#0')?.dataset.phase).toBe('forward');
    expect(edgeEl(canvasElement, 'P->O#0')?.dataset.gradNorm).toBe('');
  },
};

/** The softmax backward step: dS = P ⊙ (dP − rowsum(P ⊙ dP)). */
export const SoftmaxBackward: Story = {
  args: { step: 8 },
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 8, of: n, phase: 'backward', says: 'softmax backward', node: 'P' });
    const sp = edgeEl(canvasElement, 'S->P#0');
    expect(sp?.dataset.phase).toBe('backward');
    expect(sp?.dataset.active).toBe('true');
    expect(gradNorm(canvasElement, 'S->P#0')).toBeGreaterThan(0);
    // Q and K have not heard from the scores yet.
    expect(edgeEl(canvasElement, 'Q->S#0')?.dataset.gradNorm).toBe('');
    await press('ArrowRight');
    await expectStep(canvasElement, { at: 9, of: n, phase: 'backward', says: 'scores backward', node: 'S' });
    expect(edgeEl(canvasElement, 'Q->S#0')?.dataset.phase).toBe('backward');
    await press('ArrowLeft');
    await expectStep(canvasElement, { at: 8, of: n, phase: 'backward', node: 'P' });
  },
};

/** Every gradient has arrived: dQ, dK, dV at the inputs. */
export const GradientsAtInputs: Story = {
  args: { step: 9 },
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    expect(n).toBe(9);
    await expectStep(canvasElement, { at: 9, of: 9, phase: 'backward', node: 'S' });
    for (const e of ['Q->S#0', 'K->S#1', 'V->O#1']) {
      expect(edgeEl(canvasElement, e)?.dataset.phase).toBe('backward');
      expect(gradNorm(canvasElement, e)).toBeGreaterThan(0);
    }
  },
};
