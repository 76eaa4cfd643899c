import { describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { EstimatorHistogram } from '../../../src/ui/panels/EstimatorHistogram';
import { histogram, sharedDomain } from '../../../src/ui/panels/histogram';

// A small deterministic generator (the panel draws samples, it never makes them).
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('EstimatorHistogram', () => {
  test('bin counts of each estimator sum to its sample count; analytic and means are marked', async () => {
    const r = lcg(7);
    // REINFORCE for a Bernoulli takes two values; the baseline version is tighter.
    const reinforce = Array.from({ length: 2000 }, () => (r() < 0.62 ? 0.38 : -0.62));
    const baseline = Array.from({ length: 1500 }, () => (r() - 0.5) * 0.4 + 0.235);
    const estimators = [
      { name: 'reinforce', label: 'REINFORCE', samples: reinforce, mean: 0.2386, variance: 0.2306 },
      { name: 'reinforce_baseline', label: 'REINFORCE with baseline', samples: baseline, mean: 0.2351, variance: 0.0133 },
    ];
    const target = { label: 'analytic gradient', value: 0.235004 };
    const screen = await render(<EstimatorHistogram estimators={estimators} target={target} />);
    for (const [name, n] of [
      ['reinforce', 2000],
      ['reinforce_baseline', 1500],
    ] as const) {
      const bars = [...screen.container.querySelectorAll(`g[data-estimator="${name}"] rect[data-count]`)];
      expect(bars.reduce((s, b) => s + Number(b.getAttribute('data-count')), 0)).toBe(n);
    }
    // REINFORCE here has exactly two distinct values: two bars.
    expect(screen.container.querySelectorAll('g[data-estimator="reinforce"] rect[data-count]')).toHaveLength(2);
    await expect.element(screen.getByText('analytic 0.235')).toBeInTheDocument();
    await expect.element(screen.getByText('mean 0.2386')).toBeInTheDocument();
    const title = screen.container.querySelector('g[data-estimator="reinforce_baseline"] > text')?.textContent;
    expect(title).toBe('REINFORCE with baseline  n = 1500 · variance 0.0133');
    const facts = [...screen.getByTestId('estimates').element().querySelectorAll('dt')].map((d) => d.textContent);
    const values = [...screen.getByTestId('estimates').element().querySelectorAll('dd')].map((d) => d.textContent);
    expect(values).toEqual(['0.235', '0.2386', '0.2351', '0.2306', '0.0133']);
    expect(facts).toEqual([
      'analytic gradient',
      'mean, REINFORCE',
      'mean, REINFORCE with baseline',
      'variance, REINFORCE',
      'variance, REINFORCE with baseline',
    ]);
  });

  test('histogram keeps the top edge, drops non-finite samples, pads a single value', () => {
    const domain = sharedDomain([[0, 1, 1, 0.5]]);
    expect(domain).toEqual([0, 1]);
    const bins = histogram([0, 1, 1, 0.5, Number.NaN], domain, 10);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(4);
    expect(bins[bins.length - 1]?.count).toBe(2);
    const flat = sharedDomain([[3, 3]]);
    expect(flat[0]).toBeLessThan(3);
    expect(flat[1]).toBeGreaterThan(3);
    expect(histogram([3, 3], flat).reduce((s, b) => s + b.count, 0)).toBe(2);
    // The analytic mark widens the domain.
    expect(sharedDomain([[0.1, 0.2]], [0.9])[1]).toBeGreaterThanOrEqual(0.9);
  });
});
