import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { Heatmap } from '../../src/ui/common/Heatmap';

interface HeatmapStoryProps {
  shape: number[];
  /** Row-major entries (length = product of the shape). */
  data: number[];
  cell: number;
  label: string;
}

/** A tensor as the canvas and the inspector draw it: blue −, white 0, red +, each number on hover. */
function HeatmapStory({ shape, data, cell, label }: HeatmapStoryProps) {
  return <Heatmap snap={{ shape, data: Float32Array.from(data) }} cellW={cell} cellH={cell} label={label} />;
}

const meta = {
  title: 'Components/Tensor heatmap',
  component: HeatmapStory,
  parameters: { layout: 'padded' },
} satisfies Meta<typeof HeatmapStory>;
export default meta;
type Story = StoryObj<typeof meta>;

const fills = (root: HTMLElement) =>
  [...root.querySelectorAll('svg.gf-heatmap rect[fill]:not([fill=none])')].map((r) => r.getAttribute('fill'));

/** A 2×3 matrix with a zero: the zero is white, ±2 the two ends of the scale, |x| sets the depth. */
export const Matrix: Story = {
  args: { shape: [2, 3], data: [2, -2, 0, 1, -1, 0.5], cell: 28, label: 'W' },
  play: async ({ canvasElement }) => {
    const svg = within(canvasElement).getByRole('img', { name: 'W [2×3]' });
    const titles = [...svg.querySelectorAll('title')].map((t) => t.textContent);
    expect(titles).toEqual(['[0, 0] = 2', '[0, 1] = −2', '[0, 2] = 0', '[1, 0] = 1', '[1, 1] = −1', '[1, 2] = 0.5']);
    type Rgb = [number, number, number];
    const rgb = fills(canvasElement).map((f) => (f?.match(/\d+/g) ?? []).map(Number) as Rgb);
    expect(rgb.length).toBe(6);
    const [pos, neg, zero, one, minusOne, half] = rgb as [Rgb, Rgb, Rgb, Rgb, Rgb, Rgb];
    // + is red (R > B), − is blue (B > R), 0 the lightest cell, and depth grows with |x|.
    expect(pos[0]).toBeGreaterThan(pos[2]);
    expect(neg[2]).toBeGreaterThan(neg[0]);
    const light = (c: number[]) => c.reduce((a, b) => a + b, 0);
    for (const c of [pos, neg, one, minusOne, half]) expect(light(zero)).toBeGreaterThan(light(c));
    expect(light(pos)).toBeLessThan(light(one));
    expect(light(one)).toBeLessThan(light(half));
  },
};

/** A vector draws as one column (a column vector, as in Wx). */
export const Vector: Story = {
  args: { shape: [5], data: [-0.3, 0.1, 0.7, -0.9, 0], cell: 24, label: 'b' },
  play: async ({ canvasElement }) => {
    const svg = within(canvasElement).getByRole('img', { name: 'b [5]' });
    expect(svg.getAttribute('width')).toBe('24');
    expect(svg.getAttribute('height')).toBe('120');
    expect(svg.querySelectorAll('title')[3]?.textContent).toBe('[3] = −0.9');
  },
};

/** Above 1024 entries a canvas replaces the SVG cells (64×64 here). */
export const LargeOnCanvas: Story = {
  args: {
    shape: [64, 64],
    data: Array.from({ length: 64 * 64 }, (_, k) => Math.sin(k / 97) * Math.cos((k % 64) / 9)),
    cell: 4,
    label: 'activations',
  },
  play: async ({ canvasElement }) => {
    const img = within(canvasElement).getByRole('img', { name: 'activations [64×64]' });
    expect(img.tagName).toBe('CANVAS');
    expect((img as HTMLCanvasElement).width).toBe(64);
    expect(img.style.width).toBe('256px');
  },
};
