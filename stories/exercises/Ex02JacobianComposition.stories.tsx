import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { ExplorerStory, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { edgeEl, expectStep, gradNorm, graphReady, press } from '../support/play';

/** Ex 2: h = f(g(x)) with vector-valued g and f; the Jacobian of the composition, one row per pass. */
const meta = {
  title: 'Exercises/Ex02 Jacobian composition',
  component: ExplorerStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  args: { graphId: 'ex02-jacobian-composition', controls: 'full' },
} satisfies Meta<typeof ExplorerStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** u = g(x) and h = f(u) computed; hsum = h₁ + h₂ seeds both rows at once. */
export const ForwardDone: Story = {
  args: { step: 14 },
  play: async ({ canvasElement }) => {
    const { n } = await graphReady(canvasElement);
    expect(n).toBe(29);
    await expectStep(canvasElement, { at: 14, of: 29, phase: 'forward', node: 'hsum' });
    expect(edgeEl(canvasElement, 'h->hsum#0')?.dataset.phase).toBe('forward');
  },
};

/** At h the seed is split into rows: seeding eᵢ here instead gives row i of J_h. */
export const RowSeedAtH: Story = {
  name: 'Row seed at h',
  args: { step: 17 },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 17, of: 29, phase: 'backward', says: 'row i of J_h', node: 'h' });
    expect(edgeEl(canvasElement, 'h1->h#0')?.dataset.phase).toBe('backward');
    expect(edgeEl(canvasElement, 'h2->h#1')?.dataset.phase).toBe('backward');
    await press('ArrowRight', 'ArrowLeft');
    await expectStep(canvasElement, { at: 17, of: 29, phase: 'backward', node: 'h' });
  },
};

/**
 * The gradient at x = (1, 0). By hand: Σh = x₁³x₂ + x₁x₂ + e^{2x₂}, so ∂/∂x₁ = 3x₁²x₂ + x₂ = 0 and
 * ∂/∂x₂ = x₁³ + x₁ + 2e^{2x₂} = 4 — what the two pick edges carry back.
 */
export const GradientAtX: Story = {
  args: { step: 29 },
  play: async ({ canvasElement }) => {
    await graphReady(canvasElement);
    await expectStep(canvasElement, { at: 29, of: 29, phase: 'backward', node: 'x1' });
    expect(edgeEl(canvasElement, 'x->x1#0')?.dataset.phase).toBe('backward');
    expect(gradNorm(canvasElement, 'x->x1#0')).toBe(0);
    expect(gradNorm(canvasElement, 'x->x2#0')).toBeCloseTo(4, 5);
  },
};
