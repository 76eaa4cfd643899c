import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ExplorerStory, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { counterText, expectStep, gradNorm, graphReady, nodeEl, press } from '../support/play';

/** Ex 5: a 10-layer ReLU network that keeps every k-th activation and recomputes the rest. */
const meta = {
  title: 'Exercises/Ex05 Gradient checkpointing',
  component: ExplorerStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  args: { graphId: 'ex05-gradient-checkpointing', controls: 'full' },
} satisfies Meta<typeof ExplorerStory>;
export default meta;
type Story = StoryObj<typeof meta>;

const memorySegments = (root: HTMLElement) => root.querySelectorAll('.gf-scrubber__seg--memory').length;

/** k = 3: z₁ is not a checkpoint, so it is dropped as soon as a₁ has used it. */
export const FreedOnForward: Story = {
  args: { step: 3 },
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    expect(n).toBe(91);
    await expectStep(canvasElement, { at: 3, of: 91, phase: 'free', says: 'not a checkpoint', node: 'z1' });
    expect(nodeEl(canvasElement, 'z1')?.dataset.valueState).toBe('freed');
    await press('ArrowLeft');
    expect(nodeEl(canvasElement, 'z1')?.dataset.valueState).toBe('computed');
    await press('ArrowRight');
    await expectStep(canvasElement, { at: 3, of: 91, phase: 'free', node: 'z1' });
  },
};

/** Backward reaches the segment a₆ … a₉: it is recomputed from the checkpoint a₆ first. */
export const RecomputeSegment: Story = {
  args: { step: 44 },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 44, of: 91, phase: 'recompute', says: 'recompute z7', node: 'z7' });
    expect(nodeEl(canvasElement, 'z7')?.dataset.valueState).toBe('recomputed');
    expect(memorySegments(canvasElement)).toBeGreaterThan(0);
  },
};

/**
 * k = 0 keeps every activation: no free or recompute step. Switching to k = 3 and back shows the
 * lesson on screen: the gradient reaching W₁ is the same either way.
 */
export const NoCheckpointing: Story = {
  args: { options: { checkpoint_every: 0 }, step: 43 },
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    expect(n).toBe(43);
    await expectStep(canvasElement, { at: 43, of: 43, phase: 'backward', node: 'z1' });
    expect(memorySegments(canvasElement)).toBe(0);
    const keepAll = gradNorm(canvasElement, 'W1->z1#0');
    expect(keepAll).toBeGreaterThan(0);

    const k = within(canvasElement).getByRole('combobox', { name: /Checkpoint every k layers/ });
    await userEvent.selectOptions(k, '3');
    await waitFor(() => expect(memorySegments(canvasElement)).toBeGreaterThan(0), { timeout: 20_000 });
    // Focus is on the select now (keys there change it): step with the button instead.
    await userEvent.click(within(canvasElement).getByRole('button', { name: /last step/ }));
    await waitFor(() => expect(counterText(canvasElement)).toBe('91 / 91'));
    expect(gradNorm(canvasElement, 'W1->z1#0')).toBe(keepAll);

    await userEvent.selectOptions(k, '0');
    await waitFor(() => expect(memorySegments(canvasElement)).toBe(0), { timeout: 20_000 });
    await expectStep(canvasElement, { at: 43, of: 43, phase: 'backward', node: 'z1' });
  },
};
