import { describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { JacobianPanel } from '../../../src/ui/panels/JacobianPanel';

const J_g = [
  [2, 0],
  [0, 1],
  [0, Math.E],
];
const J_f = [
  [0, 1, 0],
  [0, 1, 2 * Math.E],
];

const filledRows = (root: Element, name: string) =>
  root.querySelectorAll(`figure[data-jacobian="${name}"] g[data-row-filled="true"]`).length;
const cellText = (root: Element, name: string, i: number, j: number) =>
  root.querySelector(`figure[data-jacobian="${name}"] g[data-cell="${i},${j}"] text`)?.textContent;

describe('JacobianPanel', () => {
  test('rows fill in one reverse pass at a time; replay starts over and ends with every row and number', async () => {
    const screen = await render(<JacobianPanel jacobians={{ J_g, J_f }} rowMs={120} />);
    const root = screen.container;
    await expect.poll(() => filledRows(root, 'J_g'), { timeout: 3000 }).toBe(3);
    expect(filledRows(root, 'J_f')).toBe(2);
    await expect.element(screen.getByTestId('jacobian-status')).toHaveTextContent('3 reverse passes done');

    await userEvent.click(screen.getByRole('button', { name: 'Replay' }));
    // Straight after the click only the first pass is in.
    expect(filledRows(root, 'J_g')).toBeLessThan(3);
    await expect.element(screen.getByTestId('jacobian-status')).toHaveTextContent(/reverse pass [12] of 3/);
    await expect.poll(() => filledRows(root, 'J_g'), { timeout: 3000 }).toBe(3);
    expect(filledRows(root, 'J_f')).toBe(2);
    // The numbers shown are the block's, formatted to 4 significant digits.
    expect(cellText(root, 'J_g', 0, 0)).toBe('2');
    expect(cellText(root, 'J_g', 2, 1)).toBe('2.718');
    expect(cellText(root, 'J_f', 1, 2)).toBe('5.437');
    expect(cellText(root, 'J_f', 0, 0)).toBe('0');
    expect(root.querySelectorAll('figure[data-jacobian="J_g"] g[data-row]')).toHaveLength(3);
    await expect.element(screen.getByRole('img', { name: 'Jacobian J_f, 2 by 3' })).toBeVisible();
  });

  test('positive and negative entries get different colours, zero stays neutral', async () => {
    const screen = await render(<JacobianPanel jacobians={{ J: [[-1, 0, 1]] }} rowMs={0} />);
    await expect.poll(() => filledRows(screen.container, 'J')).toBe(1);
    const fill = (j: number) => screen.container.querySelector(`g[data-cell="0,${j}"] rect`)?.getAttribute('fill');
    expect(new Set([fill(0), fill(1), fill(2)]).size).toBe(3);
    expect(cellText(screen.container, 'J', 0, 0)).toBe('−1');
  });

  test('a re-render with equal numbers does not replay; new numbers do', async () => {
    const screen = await render(<JacobianPanel jacobians={{ J: [[1], [2], [3]] }} rowMs={150} />);
    await expect.poll(() => filledRows(screen.container, 'J'), { timeout: 3000 }).toBe(3);
    await screen.rerender(<JacobianPanel jacobians={{ J: [[1], [2], [3]] }} rowMs={150} />);
    expect(filledRows(screen.container, 'J')).toBe(3);
    await screen.rerender(<JacobianPanel jacobians={{ J: [[1], [2], [4]] }} rowMs={150} />);
    await expect.poll(() => filledRows(screen.container, 'J')).toBeLessThan(3);
    await expect.poll(() => cellText(screen.container, 'J', 2, 0), { timeout: 3000 }).toBe('4');
  });
});
