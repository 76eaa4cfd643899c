import { statsAndFacts } from '../src/engine/blocks';
import { estimate } from '../src/engine/estimate';
import type { Exercise } from '../src/engine/exercise';
import { leaf, node } from './_build';
import { ex08ReinforceTrack } from './tracks/ex08-reinforce';

/** The notebook's tolerance for (b), sized for 10000 samples (standard error ≈ 0.0018 there). */
const TOL = 0.01;
/** Most per-sample values shipped per estimator for a histogram. */
const HISTOGRAM_MAX = 2000;

/** Evenly spaced entries, at most `max` of them (the draws are i.i.d., so any spacing is fair). */
function subsample(xs: number[], max: number): number[] {
  if (xs.length <= max) return xs;
  return Array.from({ length: max }, (_, i) => xs[Math.floor((i * xs.length) / max)] as number);
}

export const ex08Reinforce: Exercise = {
  id: 'ex08-reinforce',
  tracks: [ex08ReinforceTrack],
  title: 'Ex 8a · REINFORCE through a Bernoulli sample',
  text: 'z ~ Bernoulli(σ(θ)), L = z². Compute ∇θ E[L] analytically, estimate it with REINFORCE from samples, and reduce the estimator’s variance with the baseline b = E[L].',
  options: [
    { name: 'samples', label: 'Samples', values: [100, 1000, 10000, 100000], default: 10000 },
    { name: 'estimator', label: 'Gradient estimator at θ', values: ['reinforce', 'reinforce_baseline'], default: 'reinforce' },
  ],
  notes: [
    'The analytic gradient matches the notebook: E[L] = σ(θ), so ∇θ E[L] = σ(θ)(1 − σ(θ)) = 0.235004 at θ = 0.5.',
    'Sampled numbers differ from the notebook’s printout (REINFORCE 0.2386, with baseline 0.2326, variances 0.0331 and 0.0140): gradflow’s seeded generator is not NumPy’s. The exact variances at θ = 0.5 are σ(1 − σ)³ ≈ 0.0335 without and ≈ 0.0141 with the baseline b = σ(θ). Their ratio, 2.376, is the same for every sample (each estimator takes two values, so both variances scale with the same k(1 − k), k the fraction of ones), hence the notebook’s “2.4x” reappears exactly.',
    'The estimates panel uses the notebook’s baseline b = E[L] = σ(θ), computed exactly by evaluating the graph at z = 0 and z = 1. The bernoulli node itself (estimator = reinforce_baseline) cannot know E[L]; it uses the leave-one-out baseline b_i = mean of the other samples’ L, an unbiased stand-in (a batch mean including L(z_i) itself would bias the estimate by (N−1)/N); its gradient on θ in the trace differs slightly.',
    'The check “(b) REINFORCE gradient” keeps the notebook’s tolerance 0.01 for every sample count: at 100 samples the standard error is ≈ 0.018, so it can fail there by chance. “(c) Baseline lowers variance” is ours; the notebook prints the reduction without checking it.',
  ],
  build: (options) => ({
    nodes: [
      leaf('theta', 0.5, 'param', { label: 'θ', note: 'logit of the Bernoulli probability' }),
      node('z', 'bernoulli', ['theta'], {
        label: 'z ~ Bern(σ(θ))',
        attrs: { samples: Number(options.samples), cost: 'L', estimator: String(options.estimator), baseline: 'leave_one_out' },
        commentary: {
          forward: 'draw z₁…z_N ~ Bernoulli(σ(θ)): discrete, so no derivative flows through the samples',
          backward:
            options.estimator === 'reinforce'
              ? 'REINFORCE: ∇θ ≈ mean of L(z_i)·(z_i − σ(θ)), the cost times the score ∂log p(z_i|θ)/∂θ'
              : 'REINFORCE with baseline: ∇θ ≈ mean of (L(z_i) − b_i)(z_i − σ(θ)), b_i = the mean of the other samples’ L',
        },
      }),
      node('L', 'square', ['z'], {
        label: 'L = z²',
        commentary: {
          forward: 'L = z² per sample (equal to z, since z ∈ {0, 1})',
          backward: 'L backward: 2z·dL reaches z, but nothing passes through a sample; the bernoulli node weights L’s values instead',
        },
      }),
      node('J', 'mean', ['L'], {
        label: 'J = mean L',
        commentary: { forward: 'J = mean of L over the samples: a Monte Carlo estimate of E[L] = σ(θ)' },
      }),
    ],
    objectives: [{ name: 'J', node: 'J', label: 'E[L] ≈ mean L' }],
  }),
  // The estimator statistics re-run the graph: the UI shows them after the trace.
  lesson: () => ({ checks: [], blocks: {} }),
  deferred: ({ program, seed }) => {
    const e = estimate(program, { node: 'z', seed, baseline: 'analytic' });
    const shown = {
      reinforce: subsample(e.samples.reinforce, HISTOGRAM_MAX),
      reinforce_baseline: subsample(e.samples.reinforce_baseline, HISTOGRAM_MAX),
    };
    return {
      checks: [
        { name: '(b) REINFORCE gradient', pass: Math.abs(e.reinforce - e.analytic) <= TOL, got: e.reinforce, expected: e.analytic },
        {
          name: '(c) Baseline lowers variance',
          pass: e.variance_baseline < e.variance_reinforce,
          got: e.variance_baseline,
          expected: `< ${e.variance_reinforce}`,
        },
      ],
      blocks: {
        estimates: {
          analytic: e.analytic,
          reinforce: e.reinforce,
          reinforce_baseline: e.reinforce_baseline,
          variance_reinforce: e.variance_reinforce,
          variance_baseline: e.variance_baseline,
        },
        estimatorSamples: { reinforce: shown.reinforce, reinforce_baseline: shown.reinforce_baseline },
        estimators: [
          { name: 'reinforce', label: 'REINFORCE', samples: shown.reinforce, mean: e.reinforce, variance: e.variance_reinforce },
          {
            name: 'reinforce_baseline',
            label: 'REINFORCE with baseline',
            samples: shown.reinforce_baseline,
            mean: e.reinforce_baseline,
            variance: e.variance_baseline,
          },
        ],
        estimatorTarget: { label: 'analytic gradient', value: e.analytic },
        ...statsAndFacts({
          baseline: e.baseline,
          variance_reduction: e.variance_reinforce / e.variance_baseline,
          samples: e.samples.reinforce.length,
        }),
      },
    };
  },
};
