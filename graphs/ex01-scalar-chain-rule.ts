import type { Program } from '../src/core/compile';
import { execute } from '../src/engine/execute';
import type { Check, Exercise, Lesson, Series } from '../src/engine/exercise';
import { centralDifference } from '../src/engine/numeric';
import { leaf, node } from './_build';
import { memo } from './_memo';
import { ex01Track } from './tracks/ex01';

// Engine vs finite differences: float32 Richardson differences reach ~1e-4 relative here.
const FD_TOL = 1e-3;
// Steps tried, coarse to fine. sin(e⁶ᵗ) turns at angular speed 6e⁶ᵗ (≈ 120 at t = 0.5,
// ≈ 2400 at t = 1): h = 1e-2 is too coarse there, h = 1e-4 drowns in float32 rounding.
const STEPS = [1e-2, 3e-3, 1e-3, 3e-4, 1e-4];

/** d(of)/dt at t by one reverse pass. */
function derivative(program: Program, of: string, t: number): number {
  const r = execute(program, { seedNode: of, values: new Map([['t', Float32Array.of(t)]]) });
  return r.grads.get('t')?.data[0] ?? 0;
}

/**
 * Central difference (Richardson) of d(of)/dt at t with the step where two successive steps
 * agree best: the coarser of that pair, since agreement shows its truncation error is small.
 */
function finiteDifference(program: Program, of: string, t: number): number {
  const values = new Map([['t', Float32Array.of(t)]]);
  const est = STEPS.map((h) => centralDifference(program, { of, wrt: 't', values, h })[0] as number);
  const gaps = est.slice(1).map((e, i) => Math.abs(e - (est[i] as number)));
  return est[gaps.indexOf(Math.min(...gaps))] as number;
}

const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12);

function chainRuleCheck(program: Program, name: string, of: string, t: number): Check {
  const got = derivative(program, of, t);
  const expected = finiteDifference(program, of, t);
  return { name, pass: relDiff(got, expected) < FD_TOL, got, expected };
}

function series(program: Program, of: string, title: string, label: string): Series {
  const x = Array.from({ length: 41 }, (_, i) => -1 + i / 20);
  return {
    title,
    xLabel: 't',
    yLabel: `d${of}/dt`,
    x,
    lines: [
      // One quantity per chart: the two methods keep two colours, so the dots stand out on the line.
      { label: `${label} (reverse pass)`, y: x.map((t) => derivative(program, of, t)), method: 'engine' },
      { label: 'finite differences', y: x.map((t) => finiteDifference(program, of, t)), method: 'finite-differences' },
    ],
  };
}

/** The lesson sets t itself everywhere (the notebook's points, the curve's grid): it depends on t's shape only. */
const fixedLesson = memo(
  (program: Program) => JSON.stringify(program.nodes.get('t')?.shape),
  (program: Program): Lesson => {
    const checks = [0, 0.5].map((t) => chainRuleCheck(program, `f∘g chain rule at t=${t.toFixed(1)}`, 'fg', t));
    const fg = derivative(program, 'fg', 0.5);
    const gf = derivative(program, 'gf', 0.5);
    checks.push({ name: 'f∘g ≠ g∘f (order matters)', pass: relDiff(fg, gf) > FD_TOL, got: fg, expected: `≠ ${gf}` });
    checks.push(chainRuleCheck(program, 'g∘f chain rule', 'gf', 0.5));
    return {
      checks,
      blocks: {
        series: [
          series(program, 'fg', 'd/dt f(g(t)) = 6e⁶ᵗ·cos(e⁶ᵗ)', 'f∘g'),
          series(program, 'gf', 'd/dt g(f(t)) = 3exp(3 sin t²)·cos(t²)·2t', 'g∘f'),
        ],
      },
    };
  },
);

export const ex01: Exercise = {
  id: 'ex01-scalar-chain-rule',
  tracks: [ex01Track],
  title: 'Ex 1 · Scalar chain rule',
  text: 'f(t) = sin(t²), g(t) = e³ᵗ. Differentiate f(g(t)) and g(f(t)) with the chain rule, evaluate at t = 0 and t = 0.5, check against finite differences: the order of composition matters.',
  options: [],
  notes: [
    'The notebook’s “f∘g chain rule at t=0.5” FAILs although its chain rule is right: the true derivative 6e³·cos(e³) = 39.6000126 is what it computes, but its finite difference (h = 1e-5, float64) gives 39.5999989 — a truncation error of 1.4e-5 (3.5e-7 relative), above its 1e-8 tolerance. Here every check passes: finite differences are compared with a float32-sound relative tolerance of 1e-3.',
    'One fixed step cannot serve sin(e⁶ᵗ): it oscillates ever faster (angular speed 6e⁶ᵗ), so h = 1e-2 is off by 1% at t = 0.5. Each finite difference here tries h = 1e-2 … 1e-4 and keeps the step where successive estimates agree.',
    'In float32, g² = e⁶ᵗ ≈ 400 near t = 1 carries a rounding error of ~5e-5, and where cos(g²) is small the derivative inherits it: at t = 0.9 the engine gives 100.785 against the true 100.687. That is float32, not the chain rule.',
  ],
  build: () => ({
    nodes: [
      leaf('t', 0.5, 'input', { label: 't' }),
      // f∘g: sin(g(t)²) with g(t) = e³ᵗ
      node('t3', 'scale', ['t'], {
        attrs: { by: 3 },
        label: '3t',
        commentary: { backward: '×3: together with e³ᵗ this is g′(t) = 3e³ᵗ; the product is f′(g(t))·g′(t)' },
      }),
      node('g', 'exp', ['t3'], {
        label: 'g = e³ᵗ',
        commentary: {
          forward: 'inner function first: g(t) = e³ᵗ',
          backward: 'exp backward: ×e³ᵗ — the inner derivative starts here',
        },
      }),
      node('g2', 'square', ['g'], {
        label: 'g²',
        commentary: { backward: 'square backward: ×2g — so far f′(g) = 2g·cos(g²), the outer derivative at u = g(t)' },
      }),
      node('fg', 'sin', ['g2'], {
        label: 'f(g(t))',
        commentary: { forward: 'outer function last: f(g) = sin(g²)', backward: 'outer function first: ∂sin(g²)/∂(g²) = cos(g²)' },
      }),
      // g∘f: e³ᶠ⁽ᵗ⁾ with f(t) = sin(t²)
      node('t2', 'square', ['t'], {
        label: 't²',
        commentary: { backward: 'square backward: ×2t — the product is g′(f(t))·f′(t) = 3e³ᶠ·cos(t²)·2t' },
      }),
      node('f', 'sin', ['t2'], {
        label: 'f = sin(t²)',
        commentary: {
          forward: 'inner function first: f(t) = sin(t²)',
          backward: 'sin backward: ×cos(t²) — the inner derivative f′(t) starts here',
        },
      }),
      node('f3', 'scale', ['f'], {
        attrs: { by: 3 },
        label: '3f',
        commentary: { backward: '×3: the outer derivative is complete, g′(f) = 3e³ᶠ' },
      }),
      node('gf', 'exp', ['f3'], {
        label: 'g(f(t))',
        commentary: { forward: 'outer function last: g(f) = e³ᶠ', backward: 'outer function first: ∂e³ᶠ/∂(3f) = e³ᶠ' },
      }),
    ],
    objectives: [
      { name: 'fg', node: 'fg', label: 'f(g(t)) = sin(e⁶ᵗ)' },
      { name: 'gf', node: 'gf', label: 'g(f(t)) = exp(3 sin t²)' },
    ],
  }),
  // Nothing in the lesson depends on the t the learner typed: computed once, not per edit.
  lesson: ({ program }) => fixedLesson(program),
};
