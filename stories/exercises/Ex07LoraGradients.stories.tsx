import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { ExplorerStory, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { edgeEl, expectStep, gradNorm, graphReady, nodeEl, press } from '../support/play';

/** Ex 7: y = (W₀ + BA)x with W₀ frozen and the LoRA branch B (starts at 0), A trainable. */
const meta = {
  title: 'Exercises/Ex07 LoRA gradients',
  component: ExplorerStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  args: { graphId: 'ex07-lora-gradients', controls: 'full' },
} satisfies Meta<typeof ExplorerStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Forward: BA = 0 while B = 0, so the model starts exactly as W₀. */
export const ForwardDone: Story = {
  args: { step: 4 },
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    expect(n).toBe(9);
    await expectStep(canvasElement, { at: 4, of: 9, phase: 'forward', node: 'loss' });
    expect(nodeEl(canvasElement, 'W0')?.textContent).toContain('no ∇');
    expect(nodeEl(canvasElement, 'W0')?.classList.contains('gf-role--frozen')).toBe(true);
  },
};

/** dW reaches the add: it flows on to BA, and the frozen W₀ gets nothing (no m×n buffer). */
export const FrozenW0: Story = {
  name: 'Frozen W₀',
  args: { step: 8 },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 8, of: 9, phase: 'backward', says: 'W₀ is frozen', node: 'W' });
    expect(edgeEl(canvasElement, 'BA->W#1')?.dataset.phase).toBe('backward');
    expect(gradNorm(canvasElement, 'BA->W#1')).toBeGreaterThan(0);
    expect(edgeEl(canvasElement, 'W0->W#0')?.dataset.phase).toBe('forward');
    expect(edgeEl(canvasElement, 'W0->W#0')?.dataset.gradNorm).toBe('');
    expect(nodeEl(canvasElement, 'W0')?.dataset.gradState).toBe('none');
  },
};

/** dB = dW Aᵀ ≠ 0 but dA = Bᵀ dW = 0 exactly while B = 0: A only starts learning after a step. */
export const LoraBranchGradients: Story = {
  name: 'LoRA branch gradients',
  args: { step: 9 },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 9, of: 9, phase: 'backward', says: 'dA = 0 while B = 0', node: 'BA' });
    expect(gradNorm(canvasElement, 'B->BA#0')).toBeGreaterThan(0);
    expect(edgeEl(canvasElement, 'A->BA#1')?.dataset.phase).toBe('backward');
    expect(gradNorm(canvasElement, 'A->BA#1')).toBe(0);
    await press('ArrowLeft');
    expect(edgeEl(canvasElement, 'A->BA#1')?.dataset.gradNorm).toBe('');
    await press('ArrowRight');
    await expectStep(canvasElement, { at: 9, of: 9, phase: 'backward', node: 'BA' });
  },
};
