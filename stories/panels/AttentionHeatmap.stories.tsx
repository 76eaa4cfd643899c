import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { AttentionHeatmap } from '../../src/ui/panels/AttentionHeatmap';
import { type ExplorerArgs, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { FromRun } from '../support/FromRun';
import { readNumber } from '../support/play';

/** The attention weights P with their numbers, filled in once the forward pass computed them. */
function AttentionStory(_: ExplorerArgs) {
  return (
    <FromRun>
      {(run, cursor) =>
        run.blocks.attention ? <AttentionHeatmap trace={run.trace} node={run.blocks.attention.node} cursor={cursor} /> : null
      }
    </FromRun>
  );
}

const meta = {
  title: 'Panels/Attention heatmap',
  component: AttentionStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  args: { graphId: 'ex06-attention-backward' },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof AttentionStory>;
export default meta;
type Story = StoryObj<typeof meta>;

const state = (root: HTMLElement) => root.querySelector<HTMLElement>('[data-testid=attention-state]')?.dataset.computed;

/** Only S is computed: P's cells are still empty. */
export const BeforeSoftmax: Story = {
  args: { step: 1 },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(state(canvasElement)).toBe('false'), { timeout: 20_000 });
    expect(canvasElement.querySelectorAll('g[data-cell] text').length).toBe(0);
  },
};

/** P = softmax(S) row by row: 4×4 weights, every row summing to 1 (to the 4 digits shown). */
export const WeightsAfterSoftmax: Story = {
  args: { step: 2 },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(state(canvasElement)).toBe('true'), { timeout: 20_000 });
    for (let i = 0; i < 4; i++) {
      const row = [0, 1, 2, 3].map((j) => readNumber(canvasElement.querySelector(`g[data-cell="${i},${j}"] text`)?.textContent));
      for (const p of row) expect(p).toBeGreaterThan(0);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    }
  },
};
