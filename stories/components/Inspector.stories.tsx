import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { Inspector } from '../../src/ui/inspector/Inspector';
import { type ExplorerArgs, explorerArgTypes, withExplorerStore } from '../support/explorer';

/** The inspector panel on its own: the selected node in detail, or the graph overview. */
function InspectorStory(_: ExplorerArgs) {
  return (
    <div className="gf-app no-list" style={{ height: 'auto', display: 'block', maxWidth: 380 }}>
      <Inspector />
    </div>
  );
}

const meta = {
  title: 'Components/Inspector',
  component: InspectorStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  parameters: { layout: 'padded' },
} satisfies Meta<typeof InspectorStory>;
export default meta;
type Story = StoryObj<typeof meta>;

const title = (root: HTMLElement) => within(root).findByTestId('inspector-title', {}, { timeout: 20_000 });

/** The softmax node P right after its backward step: rule, VJP, value and gradient heatmaps. */
export const OpNode: Story = {
  args: { graphId: 'ex06-attention-backward', step: 8, node: 'P' },
  play: async ({ canvasElement }) => {
    expect((await title(canvasElement)).textContent).toBe('P');
    // KaTeX loads with the first formula shown.
    await waitFor(() => expect(canvasElement.querySelectorAll('.gf-rule .katex').length).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    expect(within(canvasElement).getByRole('img', { name: 'value of P [4×4]' })).toBeTruthy();
    expect(within(canvasElement).getByRole('img', { name: 'grad of P [4×4]' })).toBeTruthy();
  },
};

/** A scalar node: the loss, 0.0722 by hand (½(0.62 − 1)²), its gradient the seed 1. */
export const ScalarNode: Story = {
  args: { graphId: 'ex03-two-layer-backprop', step: 13, node: 'loss' },
  play: async ({ canvasElement }) => {
    await title(canvasElement);
    expect(within(canvasElement).getByTestId('inspector-value').textContent).toBe('0.0722');
    expect(within(canvasElement).getByTestId('inspector-grad').textContent).toBe('1');
  },
};

/** A frozen parameter says why it has no gradient. */
export const FrozenLeaf: Story = {
  args: { graphId: 'ex07-lora-gradients', step: 9, node: 'W0' },
  play: async ({ canvasElement }) => {
    await title(canvasElement);
    expect(canvasElement.textContent).toContain('Frozen: no gradient is computed or stored.');
    expect(within(canvasElement).queryByTestId('inspector-grad')).toBeNull();
  },
};

/** Nothing selected: the exercise, the notebook's checks recomputed, and "check every gradient". */
export const GraphOverview: Story = {
  args: { graphId: 'ex10-attention-scores', step: 9 },
  play: async ({ canvasElement }) => {
    const checks = await within(canvasElement).findByTestId('checks', {}, { timeout: 20_000 });
    const items = [...checks.querySelectorAll('li')];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((li) => li.classList.contains('gf-pass'))).toBe(true);
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Check gradient' }));
    const verdict = await within(canvasElement).findByTestId('gradcheck-verdict', {}, { timeout: 30_000 });
    expect(verdict.textContent).toContain('✓ every gradient checks out');
    await waitFor(() => expect(canvasElement.querySelectorAll('[data-testid=gradcheck] tbody tr').length).toBeGreaterThan(0));
  },
};
