import { describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import type { Training } from '../../../src/engine/exercise';
import { TrainingChart } from '../../../src/ui/panels/TrainingChart';

const training: Training = {
  lr: 0.05,
  steps: 4,
  runs: [
    { label: 'LoRA', losses: [2, 1.5, 1.1, 0.8, 0.43391] },
    { label: 'full', losses: [2, 1.2, 0.7, 0.5, 0.38648] },
  ],
};

describe('TrainingChart', () => {
  test('"Run training" draws the runs to 100% and shows the final losses', async () => {
    const screen = await render(<TrainingChart training={training} durationMs={400} />);
    const bar = screen.getByRole('progressbar', { name: 'Training progress' });
    await expect.element(bar).toHaveAttribute('aria-valuenow', '0');
    expect(screen.container.querySelector('g[data-run]')).toBeNull();
    await expect.element(screen.getByText('initial loss, LoRA')).toBeVisible();

    await userEvent.click(screen.getByRole('button', { name: 'Run training' }));
    await expect.element(bar, { timeout: 3000 }).toHaveAttribute('aria-valuenow', '100');
    // 100% means done: the final losses are there at once.
    const finals = [...screen.container.querySelectorAll('[data-testid="training-losses"] dd[data-final="true"]')].map(
      (d) => d.textContent,
    );
    expect(finals).toEqual(['0.4339', '0.3865']);
    await expect.element(screen.getByRole('button', { name: 'Run again' })).toBeEnabled();
    await expect.element(screen.getByText('final loss, LoRA')).toBeVisible();
    for (const r of training.runs) {
      const g = screen.container.querySelector(`g[data-run="${r.label}"]`);
      expect(g?.getAttribute('data-drawn')).toBe(String(r.losses.length));
      expect(g?.querySelector('path')?.getAttribute('d')).not.toMatch(/NaN/);
    }
  });

  test('partway through, the progress is between 0 and 100 and only part of the run is drawn', async () => {
    const long: Training = { lr: 0.1, steps: 200, runs: [{ label: 'SGD', losses: Array.from({ length: 201 }, (_, i) => 1 / (1 + i)) }] };
    const screen = await render(<TrainingChart training={long} durationMs={1500} />);
    await userEvent.click(screen.getByRole('button', { name: 'Run training' }));
    const bar = screen.getByRole('progressbar').element();
    await expect.poll(() => Number(bar.getAttribute('aria-valuenow'))).toBeGreaterThan(5);
    const now = Number(bar.getAttribute('aria-valuenow'));
    expect(now).toBeLessThan(100);
    const drawn = Number(screen.container.querySelector('g[data-run="SGD"]')?.getAttribute('data-drawn'));
    expect(drawn).toBeGreaterThan(1);
    expect(drawn).toBeLessThan(201);
    await expect.element(screen.getByRole('progressbar'), { timeout: 4000 }).toHaveAttribute('aria-valuenow', '100');
    // A loss falling 200-fold is drawn on a log axis.
    await expect.element(screen.getByText('loss (log scale)')).toBeVisible();
    expect(screen.container.querySelector('dd[data-final="true"]')?.textContent).toBe('0.004975');
  });
});
