import type { TrackSpec } from '../../src/core/track';

/** Ex 1: the chain rule as a product of local derivatives, along one path of the graph. */
export const ex01Track: TrackSpec = {
  title: 'The chain rule, one factor per node',
  stops: [
    {
      title: 'Two compositions',
      at: { phase: 'start' },
      anchor: { node: 't' },
      frame: [{ node: 'fg' }, { node: 'gf' }],
      callout: 'One input t feeds f(g(t)) and g(f(t)). Same two functions, other order: different graphs, different derivatives.',
    },
    {
      title: 'Inner function first',
      at: { phase: 'forward', node: 'g' },
      frame: [{ node: 't3' }],
      callout: 'g = e³ᵗ is computed before f can use it: in f(g(t)) the forward pass runs inside out.',
    },
    {
      title: 'The outer function',
      at: { phase: 'forward', node: 'fg' },
      frame: [{ node: 'g2' }],
      callout: 'f(g(t)) = sin(g²): f sees g², not t². This is the value we differentiate.',
    },
    {
      title: 'Outermost derivative',
      at: { phase: 'backward', node: 'fg' },
      anchor: { edge: { from: 'g2', to: 'fg' } },
      callout: 'Backward starts at the output with 1 and multiplies by sin′ = cos(g²): the first factor of the chain.',
    },
    {
      title: 'One more factor',
      at: { phase: 'backward', node: 'g' },
      anchor: { edge: { from: 't3', to: 'g' } },
      frame: [{ node: 'g2' }],
      callout: 'Through g² (×2g) and g = e³ᵗ (×e³ᵗ): each node multiplies the gradient by its own local derivative.',
    },
    {
      title: 'The whole product',
      at: { phase: 'backward', node: 't' },
      anchor: { node: 't' },
      frame: [{ node: 't3' }],
      callout: 'd f(g(t))/dt = cos(g²) · 2g · e³ᵗ · 3: the local derivatives along t → 3t → g → g² → f(g(t)), multiplied.',
    },
  ],
};
