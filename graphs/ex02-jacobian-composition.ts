import { compile, type Program } from '../src/core/compile';
import type { NestedNumber, NodeSpec } from '../src/core/types';
import type { Exercise } from '../src/engine/exercise';
import { jacobian, matMul } from '../src/engine/jacobian';
import { centralDifference, relativeError } from '../src/engine/numeric';
import { leaf, node } from './_build';
import { ex02Track } from './tracks/ex02';

// Reverse passes vs Richardson finite differences in float32; both are ~1e-6 apart here.
const FD_TOL = 1e-3;
// Two float32 routes to the same Jacobian (products of the same factors in another order).
const CHAIN_TOL = 1e-5;

/** f(u) = (u₁u₂, u₂ + u₃²), reading the components of the node `u`. */
const fNodes = (): NodeSpec[] => [
  node('u1', 'pick', ['u'], { attrs: { index: 0 }, label: 'u₁' }),
  node('u2', 'pick', ['u'], { attrs: { index: 1 }, label: 'u₂' }),
  node('u3', 'pick', ['u'], { attrs: { index: 2 }, label: 'u₃' }),
  node('h1', 'mul', ['u1', 'u2'], {
    label: 'h₁ = u₁u₂',
    commentary: { backward: 'row 1 of J_f: ∂h₁/∂u₁ = u₂, ∂h₁/∂u₂ = u₁' },
  }),
  node('u3sq', 'square', ['u3'], { label: 'u₃²', commentary: { backward: 'square backward: ∂h₂/∂u₃ = 2u₃' } }),
  node('h2', 'add', ['u2', 'u3sq'], {
    label: 'h₂ = u₂ + u₃²',
    commentary: { backward: 'row 2 of J_f: ∂h₂/∂u₂ = 1, and u₃² passes the gradient on to its square' },
  }),
  node('h', 'stack', ['h1', 'h2'], {
    label: 'h = f(u)',
    commentary: {
      backward: 'seed e_i here and one reverse pass yields row i of J_h = J_f(g(x))·J_g(x)',
    },
  }),
  // An objective must be a scalar, so the graph ends in Σh. Jacobians ignore it: they seed
  // e_i at h directly, one reverse pass per row.
  node('hsum', 'sum', ['h'], { label: 'h₁ + h₂', commentary: { backward: 'sum backward: seeds (1, 1) at h, i.e. both rows at once' } }),
];

/** The f part alone, with u a leaf: J_f is taken at u = g(x) from this program. */
const fProgram = (u: NestedNumber): Program =>
  compile({ nodes: [leaf('u', u, 'input', { label: 'u' }), ...fNodes()], objectives: [{ name: 'hsum', node: 'hsum' }] });

export const ex02: Exercise = {
  id: 'ex02-jacobian-composition',
  tracks: [ex02Track],
  title: 'Ex 2 · Jacobian composition',
  text: 'g(x) = (x₁², x₁x₂, eˣ²), f(u) = (u₁u₂, u₂ + u₃²), h = f∘g. Compute J_g and J_f, chain them into J_h = J_f(g(x))·J_g(x) at x = (1, 0), check against finite differences and against J_h computed directly.',
  options: [],
  notes: [
    'Each Jacobian is built one reverse pass per output row: pass i seeds e_i at the output. J_f is taken from a separate program in which u is a leaf set to g(x).',
    'The notebook hard-codes J_h_direct = [[0, 1], [0, 3]], right only at x = (1, 0). Here “direct” means reverse passes through the whole composed graph h = f(g(x)), so check (d) holds at any x.',
    'The graph ends in hsum = h₁ + h₂ only because an objective must be a scalar; no Jacobian depends on it.',
  ],
  build: () => ({
    nodes: [
      leaf('x', [1, 0], 'input', { label: 'x' }),
      node('x1', 'pick', ['x'], { attrs: { index: 0 }, label: 'x₁' }),
      node('x2', 'pick', ['x'], { attrs: { index: 1 }, label: 'x₂' }),
      node('g1', 'square', ['x1'], { label: 'x₁²', commentary: { backward: 'J_g row 1: ∂u₁/∂x₁ = 2x₁' } }),
      node('g2', 'mul', ['x1', 'x2'], { label: 'x₁x₂', commentary: { backward: 'J_g row 2: ∂u₂/∂x₁ = x₂, ∂u₂/∂x₂ = x₁' } }),
      node('g3', 'exp', ['x2'], { label: 'eˣ²', commentary: { backward: 'J_g row 3: ∂u₃/∂x₂ = eˣ²' } }),
      node('u', 'stack', ['g1', 'g2', 'g3'], {
        label: 'u = g(x)',
        commentary: { backward: 'the gradient reaching u is a row vector times J_f(u); from here on it is multiplied by J_g(x)' },
      }),
      ...fNodes(),
    ],
    objectives: [{ name: 'hsum', node: 'hsum', label: 'h₁ + h₂' }],
  }),
  // Finite differences and Jacobians re-run the graph: the UI shows them after the trace.
  lesson: () => ({ checks: [], blocks: {} }),
  deferred: ({ program, trace }) => {
    const u = trace.values.get('u');
    const Jg = jacobian(program, 'u', 'x').matrix;
    const Jf = jacobian(fProgram(Array.from(u?.data ?? [])), 'h', 'u').matrix;
    const Jh = jacobian(program, 'h', 'x').matrix;
    const chain = matMul(Jf, Jg);
    // Finite differences row by row: h₁ and h₂ are the scalar nodes stacked into h.
    const fd = ['h1', 'h2'].map((of) => Array.from(centralDifference(program, { of, wrt: 'x' })));
    const errFd = relativeError(chain.flat(), fd.flat());
    const errDirect = relativeError(Jh.flat(), chain.flat());
    return {
      checks: [
        { name: '(c) Chain rule = FD', pass: errFd < FD_TOL, got: chain, expected: fd },
        { name: '(d) Direct = chain rule', pass: errDirect < CHAIN_TOL, got: chain, expected: Jh },
      ],
      blocks: { jacobians: { J_g: Jg, J_f: Jf, J_h: Jh } },
    };
  },
};
