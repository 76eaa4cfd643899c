import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { JacobianPanel } from '../../src/ui/panels/JacobianPanel';
import { type ExplorerArgs, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { FromRun } from '../support/FromRun';

/** Jacobians (`blocks.jacobians`) filling in one reverse pass (one row) at a time. */
function JacobianStory(_: ExplorerArgs) {
  return <FromRun>{(run) => (run.blocks.jacobians ? <JacobianPanel jacobians={run.blocks.jacobians} rowMs={150} /> : null)}</FromRun>;
}

const meta = {
  title: 'Panels/Jacobian',
  component: JacobianStory,
  decorators: [withExplorerStore],
  argTypes: explorerArgTypes,
  parameters: { layout: 'padded' },
} satisfies Meta<typeof JacobianStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Waits until every row of every Jacobian has been filled in by its reverse pass. */
const allRowsIn = (root: HTMLElement) =>
  waitFor(
    () => {
      expect(root.querySelector('figure[data-jacobian] g[data-row]')).not.toBeNull();
      expect(root.querySelectorAll('g[data-row-filled="false"]').length).toBe(0);
    },
    { timeout: 20_000 },
  );

const cell = (root: HTMLElement, name: string, i: number, j: number) =>
  root.querySelector(`figure[data-jacobian="${name}"] g[data-cell="${i},${j}"] text`)?.textContent;

/**
 * Ex 2 at x = (1, 0). By hand, h(x) = (x₁³x₂, x₁x₂ + e^{2x₂}), so
 * J_h = [[3x₁²x₂, x₁³], [x₂, x₁ + 2e^{2x₂}]] = [[0, 1], [0, 3]].
 */
export const CompositionRows: Story = {
  args: { graphId: 'ex02-jacobian-composition' },
  play: async ({ canvasElement }) => {
    await allRowsIn(canvasElement);
    expect(canvasElement.querySelectorAll('figure[data-jacobian="J_g"] g[data-row]').length).toBe(3);
    expect([cell(canvasElement, 'J_h', 0, 0), cell(canvasElement, 'J_h', 0, 1)]).toEqual(['0', '1']);
    expect([cell(canvasElement, 'J_h', 1, 0), cell(canvasElement, 'J_h', 1, 1)]).toEqual(['0', '3']);
  },
};

/** Ex 10: the softmax Jacobian diag(a) − aaᵀ, each row summing to 0. */
export const SoftmaxJacobian: Story = {
  args: { graphId: 'ex10-attention-scores' },
  play: async ({ canvasElement }) => {
    await allRowsIn(canvasElement);
    // Diagonal aᵢ(1 − aᵢ) with a = [0.3275503, 0.2316342, 0.4408155] (NumPy, float64).
    expect(Number(cell(canvasElement, 'J_soft', 0, 0))).toBeCloseTo(0.3275503 * (1 - 0.3275503), 3);
    expect(Number(cell(canvasElement, 'J_soft', 2, 2))).toBeCloseTo(0.4408155 * (1 - 0.4408155), 3);
  },
};
