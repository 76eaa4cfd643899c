import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { JacobianPanel } from '../../../src/ui/panels/JacobianPanel';
import { TrainingChart } from '../../../src/ui/panels/TrainingChart';

const emulate = (value: string) => cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-reduced-motion', value }] });

describe('prefers-reduced-motion', () => {
  beforeAll(async () => {
    await emulate('reduce');
  });
  // Test files share one page: undo the emulation for the files after this one.
  afterAll(async () => {
    await emulate('');
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(false);
  });

  test('the media query is in effect', () => {
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(true);
  });

  test('training is drawn at once: 100% right after the click, with the final loss', async () => {
    const training = { lr: 0.1, steps: 3, runs: [{ label: 'SGD', losses: [1, 0.5, 0.25, 0.125] }] };
    // A 60 s animation would still be at ~0% if it ran.
    const screen = await render(<TrainingChart training={training} durationMs={60_000} />);
    await userEvent.click(screen.getByRole('button', { name: 'Run training' }));
    expect(screen.getByRole('progressbar').element().getAttribute('aria-valuenow')).toBe('100');
    expect(screen.container.querySelector('dd[data-final="true"]')?.textContent).toBe('0.125');
  });

  test('every Jacobian row is shown at once', async () => {
    const screen = await render(<JacobianPanel jacobians={{ J: [[1], [2], [3], [4]] }} rowMs={60_000} />);
    await expect.element(screen.getByTestId('jacobian-status')).toHaveTextContent('4 reverse passes done');
    expect(screen.container.querySelectorAll('g[data-row-filled="true"]')).toHaveLength(4);
  });
});
