import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { MemoryTimeline } from '../../src/ui/panels/MemoryTimeline';
import { type ExplorerArgs, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { FromRun } from '../support/FromRun';

/** Live layer activations step by step (free and recompute steps of checkpointing), at the story's cursor. */
function MemoryStory(_: ExplorerArgs) {
  return (
    <FromRun>
      {(run, cursor) => (run.blocks.memory ? <MemoryTimeline steps={run.trace.steps} cursor={cursor} memory={run.blocks.memory} /> : null)}
    </FromRun>
  );
}

const meta = {
  title: 'Panels/Memory timeline',
  component: MemoryStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  parameters: { layout: 'padded' },
} satisfies Meta<typeof MemoryStory>;
export default meta;
type Story = StoryObj<typeof meta>;

const number = (s: string | null | undefined) => Number((s ?? '').replace(/[^\d.]/g, ''));

/**
 * Ex 5 with k = 3, at the first recompute of the backward pass. The peak the panel counts from
 * the steps must be the engine's own `peak_live_activations`, and below the peak without checkpoints.
 */
export const CheckpointedPeak: Story = {
  args: { graphId: 'ex05-gradient-checkpointing', step: 44 },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('[data-panel=memory] svg')).not.toBeNull(), { timeout: 20_000 });
    expect(canvasElement.querySelector('[data-testid=memory-now]')?.textContent).toMatch(/^\d+ live \(step 44 of 91\)$/);
    const peak = Number(canvasElement.querySelector('[data-panel=memory] svg')?.getAttribute('data-peak'));
    const mark = (k: string) => number(canvasElement.querySelector(`g[data-mark="${k}"] text`)?.textContent?.split(':')[1]);
    // The chart's peak comes from the per-step counts, the mark from the engine's statistics.
    expect(peak).toBe(mark('peak live activations'));
    expect(mark('peak live activations without checkpointing')).toBe(20);
    expect(canvasElement.querySelectorAll('rect[data-phase="recompute"]').length).toBeGreaterThan(0);
  },
};
