import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { TrainingChart } from '../../src/ui/panels/TrainingChart';
import { type ExplorerArgs, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { FromRun } from '../support/FromRun';
import { readNumber } from '../support/play';

/** The SGD replay (`blocks.training`) from the exercise's own run. */
function TrainingStory(_: ExplorerArgs) {
  return <FromRun>{(run) => (run.blocks.training ? <TrainingChart training={run.blocks.training} durationMs={600} /> : null)}</FromRun>;
}

const meta = {
  title: 'Panels/Training chart',
  component: TrainingStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  parameters: { layout: 'padded' },
} satisfies Meta<typeof TrainingStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Ex 3: 100 SGD steps at η = 0.01 from L = 0.0722; "Run training" draws them, the loss falls. */
export const SgdTwoLayer: Story = {
  name: 'SGD, two layers',
  args: { graphId: 'ex03-two-layer-backprop' },
  play: async ({ canvasElement }) => {
    const run = await within(canvasElement).findByRole('button', { name: 'Run training' }, { timeout: 20_000 });
    const loss = () => readNumber(canvasElement.querySelector('[data-testid=training-losses] dd')?.textContent);
    expect(loss()).toBeCloseTo(0.0722, 6);
    await userEvent.click(run);
    const bar = within(canvasElement).getByRole('progressbar', { name: 'Training progress' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('100'), { timeout: 5000 });
    const final = canvasElement.querySelector('[data-testid=training-losses] dd[data-final="true"]');
    expect(final).not.toBeNull();
    expect(loss()).toBeLessThan(0.0722);
  },
};

/** Ex 7: LoRA against full fine-tuning on the same data, one final loss per run. */
export const LoraVersusFull: Story = {
  name: 'LoRA versus full',
  args: { graphId: 'ex07-lora-gradients' },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Run training' }, { timeout: 20_000 }));
    await waitFor(() => expect(within(canvasElement).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100'), {
      timeout: 5000,
    });
    const runs = canvasElement.querySelectorAll('g[data-run]').length;
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(canvasElement.querySelectorAll('[data-testid=training-losses] dd[data-final="true"]').length).toBe(runs);
  },
};
