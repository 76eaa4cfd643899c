import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { StepBar } from '../../src/ui/stepper/StepBar';
import { usePlayback } from '../../src/ui/stepper/useKeyboard';
import { useExplorerStore } from '../../src/ui/store/context';
import { type ExplorerArgs, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { counterText, expectStep } from '../support/play';

/** The step bar on its own (on a real ex03 run): buttons, speed, the phase-coloured scrubber, `k / N`, commentary. */
function StepBarStory(_: ExplorerArgs) {
  usePlayback(useExplorerStore());
  return (
    <main style={{ maxWidth: 900 }}>
      <StepBar />
    </main>
  );
}

const meta = {
  title: 'Components/Step bar',
  component: StepBarStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  args: { graphId: 'ex03-two-layer-backprop' },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof StepBarStory>;
export default meta;
type Story = StoryObj<typeof meta>;

const loaded = (root: HTMLElement) => waitFor(() => expect(counterText(root)).toMatch(/^\d+ \/ 13$/), { timeout: 20_000 });
const button = (root: HTMLElement, name: RegExp) => within(root).getByRole('button', { name });

/** Nothing done yet: back buttons disabled; the next button starts the forward pass. */
export const Start: Story = {
  args: { step: 0 },
  play: async ({ canvasElement }) => {
    await loaded(canvasElement);
    await expectStep(canvasElement, { at: 0, of: 13, phase: 'start', says: 'Press → (or ▶) to start' });
    expect(button(canvasElement, /previous step/)).toBeDisabled();
    expect(button(canvasElement, /first step/)).toBeDisabled();
    await userEvent.click(button(canvasElement, /next step/));
    await expectStep(canvasElement, { at: 1, of: 13, phase: 'forward', says: 'each entry a row of W1 times a column of x' });
    await userEvent.click(button(canvasElement, /previous step/));
    await expectStep(canvasElement, { at: 0, of: 13, phase: 'start' });
  },
};

/** At the seed: the scrubber's two runs (forward 6 steps, backward 7) and the thumb between them. */
export const Midway: Story = {
  args: { step: 7 },
  play: async ({ canvasElement }) => {
    await loaded(canvasElement);
    await expectStep(canvasElement, { at: 7, of: 13, phase: 'seed', says: 'seed' });
    const segs = [...canvasElement.querySelectorAll<HTMLElement>('.gf-scrubber__seg')];
    expect(segs.map((s) => s.className.replace('gf-scrubber__seg ', ''))).toEqual([
      'gf-scrubber__seg--forward',
      'gf-scrubber__seg--backward',
    ]);
    expect(Number.parseFloat(segs[0]?.style.width ?? '')).toBeCloseTo((100 * 6) / 13, 3);
    const slider = within(canvasElement).getByRole('slider', { name: 'step' });
    expect(slider.getAttribute('aria-valuenow')).toBe('7');
    expect(slider.getAttribute('aria-valuemax')).toBe('13');
  },
};

/** The last step: forward buttons disabled; play from the end starts over (and pauses again). */
export const End: Story = {
  args: { step: 13 },
  play: async ({ canvasElement }) => {
    await loaded(canvasElement);
    await expectStep(canvasElement, { at: 13, of: 13, phase: 'backward', says: 'matmul backward' });
    expect(button(canvasElement, /next step/)).toBeDisabled();
    expect(button(canvasElement, /last step/)).toBeDisabled();
    await userEvent.click(button(canvasElement, /^play/));
    await waitFor(() => expect(Number(counterText(canvasElement).split(' / ')[0])).toBeGreaterThan(0), { timeout: 5000 });
    await userEvent.click(button(canvasElement, /^pause/));
    await userEvent.click(button(canvasElement, /last step/));
    await expectStep(canvasElement, { at: 13, of: 13, phase: 'backward' });
  },
};

/** Predict mode: the loss's backward step hides ∂L/∂ŷ until the learner guesses (by hand: ŷ − y = −0.38). */
export const PredictMode: Story = {
  args: { step: 8, predict: true },
  play: async ({ canvasElement }) => {
    await loaded(canvasElement);
    const form = await within(canvasElement).findByTestId('predict', {}, { timeout: 10_000 });
    await userEvent.type(within(form).getByRole('textbox'), '-0.38');
    await userEvent.click(within(form).getByRole('button', { name: 'Check' }));
    const result = await within(canvasElement).findByTestId('predict-result');
    expect(result.textContent).toContain('you said -0.38, it is −0.38');
    expect(result.textContent).toContain('✓');
  },
};
