import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { EdgeDemo } from '../support/EdgeDemo';
import { edgeEl } from '../support/play';

/**
 * The gradient edge: forward it carries the value (blue), backward the gradient — width and
 * colour on a log scale of the norm relative to the trace's largest, so a vanishing gradient
 * fades to a hairline. Only the step just done moves.
 */
const meta = {
  title: 'Components/Gradient edge',
  component: EdgeDemo,
  parameters: { layout: 'padded' },
} satisfies Meta<typeof EdgeDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

const drawn = (root: HTMLElement, n: number) =>
  waitFor(() => expect(root.querySelectorAll('[data-testid=gf-edge]').length).toBe(n), { timeout: 10_000 });
const width = (root: HTMLElement, id: string) => Number(edgeEl(root, id)?.querySelector('.gf-edge__line')?.getAttribute('stroke-width'));

/** The forward step just done: the value travels source → target; no gradient yet. */
export const Forward: Story = {
  args: {
    edges: [
      { id: 'now', label: 'x (just used)', phase: 'forward', active: true, stepPhase: 'forward' },
      { id: 'before', label: 'W (used earlier)', phase: 'forward' },
      { id: 'later', label: 'b (not yet)', phase: 'idle' },
    ],
  },
  play: async ({ canvasElement }) => {
    await drawn(canvasElement, 3);
    const now = edgeEl(canvasElement, 'now');
    expect(now?.dataset.phase).toBe('forward');
    expect(now?.dataset.gradNorm).toBe('');
    expect(now?.dataset.flow).toBe('forward');
    expect(Number(now?.dataset.particles)).toBeGreaterThan(0);
    expect(edgeEl(canvasElement, 'before')?.dataset.particles).toBe('0');
    expect(edgeEl(canvasElement, 'later')?.dataset.phase).toBe('idle');
  },
};

/** A backward step: the gradient travels target → source; a scalar's colour gives its sign. */
export const Backward: Story = {
  args: {
    maxGradNorm: 1,
    edges: [
      { id: 'tensor', label: '∂L/∂W (tensor)', phase: 'backward', gradNorm: 0.8, active: true, stepPhase: 'backward' },
      { id: 'positive', label: '∂L/∂b = +0.3', phase: 'backward', gradNorm: 0.3, gradSign: 1 },
      { id: 'negative', label: '∂L/∂c = −0.3', phase: 'backward', gradNorm: 0.3, gradSign: -1 },
    ],
  },
  play: async ({ canvasElement }) => {
    await drawn(canvasElement, 3);
    const t = edgeEl(canvasElement, 'tensor');
    expect(t?.dataset.phase).toBe('backward');
    expect(Number(t?.dataset.gradNorm)).toBe(0.8);
    expect(t?.dataset.flow).toBe('backward');
    expect(width(canvasElement, 'tensor')).toBeGreaterThan(width(canvasElement, 'positive'));
    const stroke = (id: string) => edgeEl(canvasElement, id)?.querySelector('.gf-edge__line')?.getAttribute('stroke');
    expect(stroke('positive')).not.toBe(stroke('negative'));
    expect(width(canvasElement, 'positive')).toBe(width(canvasElement, 'negative'));
  },
};

/**
 * Norms from one trace, top to bottom layer: each decade thinner; more than six decades below the
 * largest is a dashed 1.6 px hairline with its norm written on it — never fainter than an idle edge.
 */
export const Vanishing: Story = {
  args: {
    maxGradNorm: 1,
    edges: [1, 1e-2, 1e-4, 1e-5, 1e-9].map((g, i) => ({
      id: `layer${20 - 5 * i}`,
      label: `‖∂out/∂a${20 - 5 * i}‖ = ${g.toExponential(0)}`,
      phase: 'backward' as const,
      gradNorm: g,
    })),
  },
  play: async ({ canvasElement }) => {
    await drawn(canvasElement, 5);
    const ids = ['layer20', 'layer15', 'layer10', 'layer5', 'layer0'];
    const widths = ids.map((id) => width(canvasElement, id));
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThan(widths[i - 1] as number);
    expect(widths[0]).toBeCloseTo(7.6, 6);
    expect(widths[4]).toBeCloseTo(1.6, 6);
    expect(edgeEl(canvasElement, 'layer0')?.dataset.look).toBe('floor');
    expect(edgeEl(canvasElement, 'layer0')?.querySelector('[data-testid=edge-label]')?.textContent).toBe('1e−9');
    expect(Number(edgeEl(canvasElement, 'layer0')?.dataset.gradNorm)).toBe(1e-9);
  },
};

/** `prefers-reduced-motion: reduce`: the same widths and colours, but nothing moves. */
export const ReducedMotion: Story = {
  args: {
    maxGradNorm: 1,
    edges: [
      { id: 'back', label: '∂L/∂W', phase: 'backward', gradNorm: 0.8, active: true, stepPhase: 'backward' },
      { id: 'fore', label: 'x', phase: 'forward', active: true, stepPhase: 'forward' },
    ],
  },
  beforeEach: () => {
    // The story's own media query answer; restored when the story unmounts.
    const real = window.matchMedia;
    window.matchMedia = (query: string) => {
      if (!query.includes('prefers-reduced-motion')) return real.call(window, query);
      const noop = () => {};
      return {
        matches: query.includes('reduce'),
        media: query,
        onchange: null,
        addEventListener: noop,
        removeEventListener: noop,
        addListener: noop,
        removeListener: noop,
        dispatchEvent: () => false,
      } satisfies MediaQueryList;
    };
    return () => {
      window.matchMedia = real;
    };
  },
  play: async ({ canvasElement }) => {
    await drawn(canvasElement, 2);
    for (const id of ['back', 'fore']) {
      expect(edgeEl(canvasElement, id)?.dataset.active).toBe('true');
      expect(edgeEl(canvasElement, id)?.dataset.particles).toBe('0');
    }
    expect(Number(edgeEl(canvasElement, 'back')?.dataset.gradNorm)).toBe(0.8);
    expect(width(canvasElement, 'back')).toBeGreaterThan(1);
  },
};
