import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { ExplorerStory, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { edgeEl, expectStep, gradNorm, graphReady, press } from '../support/play';

/** Ex 1: f(g(t)) = sin(e⁶ᵗ) and g(f(t)), the chain rule one scalar op at a time. */
const meta = {
  title: 'Exercises/Ex01 Scalar chain rule',
  component: ExplorerStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  args: { graphId: 'ex01-scalar-chain-rule', controls: 'full' },
} satisfies Meta<typeof ExplorerStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Both compositions evaluated, inner function first; nothing has flowed back yet. */
export const ForwardDone: Story = {
  args: { step: 8 },
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    expect(n).toBe(13);
    await expectStep(canvasElement, { at: 8, of: 13, phase: 'forward', says: 'outer function last', node: 'gf' });
    expect(edgeEl(canvasElement, 'g2->fg#0')?.dataset.phase).toBe('forward');
    expect(edgeEl(canvasElement, 'g2->fg#0')?.dataset.gradNorm).toBe('');
  },
};

/** The first backward step: the outer derivative cos(g²), taken at the inner value. */
export const OuterDerivative: Story = {
  args: { step: 10 },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 10, of: 13, phase: 'backward', says: 'outer function first', node: 'fg' });
    expect(edgeEl(canvasElement, 'g2->fg#0')?.dataset.phase).toBe('backward');
    // One step back is the seed ∂fg/∂fg = 1; forward again is this step.
    await press('ArrowLeft');
    await expectStep(canvasElement, { at: 9, of: 13, phase: 'seed', node: 'fg' });
    expect(edgeEl(canvasElement, 'g2->fg#0')?.dataset.gradNorm).toBe('');
    await press('ArrowRight');
    await expectStep(canvasElement, { at: 10, of: 13, phase: 'backward', node: 'fg' });
  },
};

/** The last step multiplies by 3: f′(g(t))·g′(t) has arrived at t. Only f∘g is the objective. */
export const ChainRuleProduct: Story = {
  args: { step: 13 },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 13, of: 13, phase: 'backward', says: 'f′(g(t))·g′(t)', node: 't3' });
    expect(edgeEl(canvasElement, 't->t3#0')?.dataset.phase).toBe('backward');
    expect(gradNorm(canvasElement, 't->t3#0')).toBeGreaterThan(0);
    // g(f(t)) is not differentiated here: its edges never carry a gradient.
    expect(edgeEl(canvasElement, 't->t2#0')?.dataset.phase).toBe('forward');
    expect(edgeEl(canvasElement, 't->t2#0')?.dataset.gradNorm).toBe('');
  },
};
