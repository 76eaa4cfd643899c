import type { TrackSpec } from '../../src/core/track';

/** Ex 2: the chain rule for Jacobians, evaluated right to left as vector–Jacobian products. */
export const ex02Track: TrackSpec = {
  title: 'Jacobians compose, as products',
  stops: [
    {
      title: 'u = g(x)',
      at: { phase: 'forward', node: 'u' },
      frame: [{ node: 'g1' }, { node: 'g2' }, { node: 'g3' }],
      callout: 'u = g(x) = (x₁², x₁x₂, eˣ²) maps ℝ² to ℝ³: its Jacobian J_g is 3 × 2.',
    },
    {
      title: 'h = f(u)',
      at: { phase: 'forward', node: 'hsum' },
      frame: [{ node: 'h' }, { node: 'h1' }, { node: 'h2' }],
      callout: 'h = f(u) = (u₁u₂, u₂ + u₃²) is in ℝ²; h₁ + h₂ makes one scalar so backprop has a start.',
    },
    {
      title: 'A row vector, not a matrix',
      at: { phase: 'backward', node: 'h' },
      anchor: { edge: { from: 'h', to: 'hsum' } },
      callout: '∂(h₁ + h₂)/∂h = [1, 1]: this row vector is what multiplies J_f from the left.',
    },
    {
      title: 'Through J_f',
      at: { phase: 'backward', node: 'u' },
      frame: [{ node: 'u1' }, { node: 'u2' }, { node: 'u3' }],
      callout: '∂/∂u = [1, 1] · J_f. J_f is never built: each node adds its part (u₂ gets a share from h₁ and from h₂).',
    },
    {
      title: 'Through J_g',
      at: { phase: 'backward', node: 'x' },
      anchor: { node: 'x' },
      frame: [{ node: 'x1' }, { node: 'x2' }],
      callout: '∂/∂x = [1, 1] · J_f · J_g: the Jacobian of f∘g is the product J_f J_g, evaluated right to left as vector × matrix.',
    },
  ],
};
