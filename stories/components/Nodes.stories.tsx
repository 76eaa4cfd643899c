import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ExplorerStory, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { NodeGallery } from '../support/NodeGallery';
import { nodeEl } from '../support/play';

/** Each node type of the canvas, drawn from a real exercise run at a chosen step. */
const meta = {
  title: 'Components/Nodes',
  component: NodeGallery,
  decorators: [withExplorerStore],
  argTypes: { ...explorerArgTypes, show: { control: 'object' } },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof NodeGallery>;
export default meta;
type Story = StoryObj<typeof meta>;

const badge = (root: HTMLElement, id: string) => nodeEl(root, id)?.querySelector('.gf-node__badge')?.textContent;
/** Waits until the nodes are drawn and visible (React Flow shows a node once it has measured it). */
const shown = (root: HTMLElement, ids: string[]) =>
  waitFor(
    () => {
      for (const id of ids) {
        const wrapper = nodeEl(root, id)?.closest<HTMLElement>('.react-flow__node');
        expect(wrapper && getComputedStyle(wrapper).visibility).toBe('visible');
      }
    },
    { timeout: 20_000 },
  );

/** Leaves: an input (x), a parameter (W₁) with its gradient, a constant (y) that never gets one. */
export const InputAndParam: Story = {
  args: { graphId: 'ex03-two-layer-backprop', step: 13, show: ['x', 'W1', 'y'] },
  play: async ({ canvasElement }) => {
    await shown(canvasElement, ['x', 'W1', 'y']);
    expect(badge(canvasElement, 'x')).toBe('input');
    expect(badge(canvasElement, 'W1')).toBe('param');
    expect(badge(canvasElement, 'y')).toBe('const');
    expect(nodeEl(canvasElement, 'W1')?.dataset.gradState).toBe('complete');
    expect(within(canvasElement).getByRole('img', { name: 'gradient of W1 [3×2]' })).toBeTruthy();
    expect(nodeEl(canvasElement, 'y')?.textContent).toContain('no ∇');
  },
};

/** Ops mid-backward: the relu has sent its gradient, the matmul below it not yet. */
export const Op: Story = {
  args: { graphId: 'ex03-two-layer-backprop', step: 11, show: ['W1x', 'a1'] },
  play: async ({ canvasElement }) => {
    await shown(canvasElement, ['W1x', 'a1']);
    expect(badge(canvasElement, 'W1x')).toBe('matmul');
    expect(badge(canvasElement, 'a1')).toBe('relu');
    expect(nodeEl(canvasElement, 'a1')?.classList.contains('is-active')).toBe(true);
    expect(nodeEl(canvasElement, 'a1')?.dataset.gradState).toBe('complete');
    expect(nodeEl(canvasElement, 'W1x')?.dataset.gradState).toBe('none');
    expect(nodeEl(canvasElement, 'W1x')?.dataset.valueState).toBe('computed');
  },
};

/** The objective, forward done: L = 0.0722 (by hand: ½(0.62 − 1)²), gradient still to come. */
export const Objective: Story = {
  args: { graphId: 'ex03-two-layer-backprop', step: 6, show: ['loss'] },
  play: async ({ canvasElement }) => {
    await shown(canvasElement, ['loss']);
    expect(badge(canvasElement, 'loss')).toBe('objective');
    expect(nodeEl(canvasElement, 'loss')?.querySelector('.gf-num')?.textContent).toBe('0.0722');
    expect(nodeEl(canvasElement, 'loss')?.dataset.gradState).toBe('none');
  },
};

/** A stochastic node: 10 000 Bernoulli samples (a canvas heatmap) and the estimator it uses. */
export const Stochastic: Story = {
  args: { graphId: 'ex08-reinforce', step: 7, show: ['theta', 'z'] },
  play: async ({ canvasElement }) => {
    await shown(canvasElement, ['z']);
    expect(badge(canvasElement, 'z')).toBe('sampled · reinforce');
    expect(nodeEl(canvasElement, 'z')?.classList.contains('gf-node--stochastic')).toBe(true);
    expect(nodeEl(canvasElement, 'z')?.querySelector('canvas.gf-heatmap')).not.toBeNull();
    expect(nodeEl(canvasElement, 'theta')?.dataset.gradState).toBe('complete');
  },
};

/** A frozen parameter: locked, and no gradient slot even after the backward pass. */
export const Frozen: Story = {
  args: { graphId: 'ex07-lora-gradients', step: 9, show: ['W0', 'B'] },
  play: async ({ canvasElement }) => {
    await shown(canvasElement, ['W0', 'B']);
    expect(badge(canvasElement, 'W0')).toBe('frozen');
    expect(nodeEl(canvasElement, 'W0')?.querySelector('svg')).not.toBeNull();
    expect(nodeEl(canvasElement, 'W0')?.textContent).toContain('no ∇');
    expect(nodeEl(canvasElement, 'W0')?.dataset.gradState).toBe('none');
    expect(nodeEl(canvasElement, 'B')?.dataset.gradState).toBe('complete');
  },
};

/** The LoRA branch folded into one node on the full canvas; unfold shows B, A and BA, fold hides them. */
export const FoldedGroup: StoryObj<typeof ExplorerStory> = {
  render: (args) => <ExplorerStory {...args} />,
  argTypes: explorerArgTypes,
  args: { graphId: 'ex07-lora-gradients', step: 9, controls: 'none', folded: { lora: true } },
  parameters: { layout: 'fullscreen' },
  play: async ({ canvasElement }) => {
    const group = () => canvasElement.querySelector<HTMLElement>('[data-testid=group-lora]');
    await waitFor(() => expect(group()?.classList.contains('gf-node--folded')).toBe(true), { timeout: 20_000 });
    // The last step (backward at BA) is inside the block: it names the member and its op, and
    // shows the gradient norm arriving from downstream and the one it sends on upstream.
    expect(group()?.querySelector('[data-testid=folded-now]')?.textContent).toBe('◀ BA · matmul');
    expect(group()?.classList.contains('is-stepping')).toBe(true);
    expect(group()?.querySelector('[data-testid=folded-flow]')?.textContent).toMatch(/^‖∇‖ \d(\.\d)?e−?\d+ → (\d(\.\d)?e−?\d+|—)$/);
    expect(Number(group()?.dataset.gradIn)).toBeGreaterThan(0);
    expect(nodeEl(canvasElement, 'BA')).toBeNull();
    // React Flow shows a node once it is measured: wait for the button to be there for a user.
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'unfold lora' }, { timeout: 20_000 }));
    await waitFor(() => expect(nodeEl(canvasElement, 'BA')).not.toBeNull(), { timeout: 20_000 });
    expect(group()?.classList.contains('gf-frame')).toBe(true);
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'fold lora' }, { timeout: 20_000 }));
    await waitFor(() => expect(nodeEl(canvasElement, 'BA')).toBeNull(), { timeout: 20_000 });
  },
};
