import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { GradflowExplorer } from '../../src/lib/GradflowExplorer';
import { counterText, drawn } from '../support/play';

/**
 * The library's React component (`import { GradflowExplorer } from 'gradflow'`): each instance
 * builds its own store from its props, so these stories need no decorator.
 */
const meta = {
  title: 'Embeds/React component',
  component: GradflowExplorer,
  argTypes: {
    controls: { control: 'inline-radio', options: ['full', 'steps', 'none'] },
    step: { control: { type: 'number', min: 0 } },
  },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof GradflowExplorer>;
export default meta;
type Story = StoryObj<typeof meta>;

const explorers = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('[data-testid=explorer]')];
const counters = (root: HTMLElement) => explorers(root).map(counterText);
/** Waits until `n` explorers show `k / N` and each canvas has drawn its graph (the keys step it from then on). */
const loaded = (root: HTMLElement, n: number) =>
  waitFor(
    () => {
      const all = explorers(root);
      expect(all.length).toBe(n);
      for (const x of all) {
        expect(counterText(x)).toMatch(/^\d+ \/ [1-9]\d*$/);
        expect(drawn(x)).toBe(true);
      }
    },
    { timeout: 30_000 },
  );

/** One graph in a box of its own height, canvas and step bar only. */
export const StepsOnly: Story = {
  args: { graph: 'ex06-attention-backward', step: 8, controls: 'steps', height: 460 },
  play: async ({ canvasElement }) => {
    await loaded(canvasElement, 1);
    expect(counters(canvasElement)).toEqual(['8 / 9']);
    expect(canvasElement.querySelector('.gf-toolbar')).toBeNull();
    expect(canvasElement.querySelector<HTMLElement>('.gf-embed')?.getBoundingClientRect().height).toBe(460);
  },
};

/** Two explorers on one page: each takes the keys only while it has focus. */
export const TwoOnOnePage: Story = {
  args: { graph: 'ex06-attention-backward' },
  render: () => (
    <>
      <GradflowExplorer graph="ex06-attention-backward" step={8} controls="steps" height={420} />
      <GradflowExplorer graph="ex03-two-layer-backprop" controls="full" height={560} />
    </>
  ),
  play: async ({ canvasElement }) => {
    await loaded(canvasElement, 2);
    expect(counters(canvasElement)).toEqual(['8 / 9', '0 / 13']);
    const [first, second] = within(canvasElement).getAllByTestId('commentary');
    await userEvent.click(first as HTMLElement);
    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => expect(counters(canvasElement)).toEqual(['9 / 9', '0 / 13']));
    await userEvent.click(second as HTMLElement);
    await userEvent.keyboard('{End}');
    await waitFor(() => expect(counters(canvasElement)).toEqual(['9 / 9', '13 / 13']));
    // Back to where the story starts.
    await userEvent.keyboard('{Home}');
    await userEvent.click(first as HTMLElement);
    await userEvent.keyboard('{ArrowLeft}');
    await waitFor(() => expect(counters(canvasElement)).toEqual(['8 / 9', '0 / 13']));
  },
};
