import { compile, type Program, withValues } from '../src/core/compile';
import { norm, toNested } from '../src/core/tensor';
import type { GraphSpec, NodeSpec, OptionValue } from '../src/core/types';
import { statsAndFacts } from '../src/engine/blocks';
import { execute } from '../src/engine/execute';
import type { Exercise } from '../src/engine/exercise';
import { leaf, node } from './_build';
import data from './data/ex09.json';
import { ex09Track } from './tracks/ex09';

const DEPTH = data.Js.length; // 20 layers, as the notebook

function buildSpec(residual: boolean): GraphSpec {
  const nodes: NodeSpec[] = [leaf('h0', data.h0, 'input', { label: 'h₀', layer: 0 })];
  for (let k = 1; k <= DEPTH; k++) {
    const J = `J${k}`;
    const h = `h${k}`;
    const prev = `h${k - 1}`;
    nodes.push(leaf(J, data.Js[k - 1] as number[][], 'param', { label: `J${k}` }));
    if (residual) {
      nodes.push(
        node(`F${k}`, 'matmul', [J, prev], {
          label: `F${k} = J${k}h${k - 1}`,
          layer: k,
          commentary: {
            forward: `F${k} = J${k}h${k - 1}: the residual branch`,
            backward: `F${k} backward: the branch sends J${k}ᵀ dh${k} to h${k - 1}, and dJ${k} = dh${k} h${k - 1}ᵀ`,
          },
        }),
        node(h, 'add', [prev, `F${k}`], {
          label: `h${k} = h${k - 1} + F${k}`,
          layer: k,
          commentary: {
            forward: `h${k} = h${k - 1} + J${k}h${k - 1}: the identity path plus the branch`,
            backward: `h${k} backward: dh${k} reaches h${k - 1} unchanged through the identity, so dh${k - 1} = (I + J${k})ᵀ dh${k}`,
          },
        }),
      );
    } else {
      nodes.push(
        node(h, 'matmul', [J, prev], {
          label: `h${k} = J${k}h${k - 1}`,
          layer: k,
          commentary: {
            forward: `h${k} = J${k}h${k - 1}`,
            backward: `h${k} backward: dh${k - 1} = J${k}ᵀ dh${k} — one more small factor, the norm shrinks again`,
          },
        }),
      );
    }
  }
  nodes.push(
    leaf('g', data.g, 'constant', { label: 'g', note: 'the upstream gradient ∂out/∂h₂₀' }),
    node('out', 'dot', ['g', `h${DEPTH}`], {
      label: 'out = g·h₂₀',
      commentary: { forward: 'out = g·h₂₀: a scalar whose gradient at h₂₀ is g', backward: `out backward: h${DEPTH} receives g` },
    }),
  );
  return { nodes, objectives: [{ name: 'out', node: 'out', label: 'out = g·h₂₀' }] };
}

/** ‖∂out/∂hₖ‖ for k = 0…DEPTH under one configuration, with the leaf values of `program`. */
function gradientNorms(program: Program, residual: boolean): number[] {
  const leaves: Record<string, unknown> = {};
  for (const n of program.nodes.values()) if (!n.op) leaves[n.id] = toNested({ shape: n.shape, data: n.value as Float32Array });
  const other = compile(withValues(buildSpec(residual), leaves));
  return normsOf(execute(other, { seedNode: 'out' }).grads);
}

const normsOf = (grads: ReadonlyMap<string, { data: Float32Array }>): number[] =>
  Array.from({ length: DEPTH + 1 }, (_, k) => norm(grads.get(`h${k}`)?.data ?? new Float32Array()));

const isResidual = (v: OptionValue | undefined): boolean => v === true || v === 'true';

export const ex09: Exercise = {
  id: 'ex09-residual-flow',
  tracks: [ex09Track],
  title: 'Ex 9 · Residual connections and gradient flow',
  text: 'Twenty linear layers hₖ = Jₖ hₖ₋₁ (plain) or hₖ = hₖ₋₁ + Jₖ hₖ₋₁ (residual), out = g·h₂₀. Backprop multiplies the gradient by Jₖᵀ or (I + Jₖ)ᵀ per layer: compare how its norm survives the depth.',
  options: [{ name: 'residual', label: 'Residual connections', values: [false, true], default: false }],
  notes: [
    'The notebook is right: its loop plain = Jᵀ·plain over reversed(Js) gives J₁ᵀ⋯J₂₀ᵀ g = (J₂₀⋯J₁)ᵀ g, the true gradient of g·h₂₀ with respect to h₀ for hₖ = Jₖ hₖ₋₁ (and (I + Jₖ) for residual). The engine reproduces its norms: ‖g‖ = 3.4220, plain 5.6996e-12, residual 5.7457.',
    'The notebook has no forward pass; h₀ here is the next normal draw of its default_rng(42) after g. The map is linear, so no gradient with respect to an hₖ depends on h₀ (the gradients of the Jₖ do).',
    'The series shows ‖∂out/∂hₖ‖ for k = 0…20 under both configurations, whatever the option; ∂out/∂h₂₀ = g in both.',
  ],
  build: (options) => buildSpec(isResidual(options.residual)),
  // The other configuration is run again (and compared): the UI shows it after the trace.
  lesson: () => ({ checks: [], blocks: {} }),
  deferred: ({ program, trace, options }) => {
    // The trace is one of the two configurations already: only the other one is run again.
    const current = isResidual(options.residual) ? 'residual' : 'plain';
    const plain = current === 'plain' ? normsOf(trace.grads) : gradientNorms(program, false);
    const residual = current === 'residual' ? normsOf(trace.grads) : gradientNorms(program, true);
    return {
      checks: [
        {
          name: 'residual path preserves larger gradient norm',
          pass: (residual[0] as number) > (plain[0] as number),
          got: residual[0],
          expected: `> ${plain[0]} (plain)`,
        },
      ],
      blocks: {
        series: [
          {
            title: `‖∂out/∂hₖ‖ by depth (this graph: ${current})`,
            xLabel: 'k',
            yLabel: '‖∂out/∂hₖ‖',
            logY: true,
            x: plain.map((_, k) => k),
            lines: [
              { label: 'plain: hₖ = Jₖ hₖ₋₁', y: plain, method: 'engine' },
              { label: 'residual: hₖ = hₖ₋₁ + Jₖ hₖ₋₁', y: residual, method: 'engine' },
            ],
          },
        ],
        ...statsAndFacts({ initial_norm: plain[DEPTH] as number, plain_norm: plain[0] as number, residual_norm: residual[0] as number }),
      },
    };
  },
};
