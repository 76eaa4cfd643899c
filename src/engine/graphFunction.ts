import * as tf from '@tensorflow/tfjs';
import { ancestors } from '../core/ancestors';
import type { CompiledNode, Program } from '../core/compile';
import type { OpContext, Tensor } from '../core/op';
import { makeRng } from '../core/random';
import { evaluateNode } from './execute';

/**
 * The graph as one plain tfjs function of the chosen leaves: the interpreter's forward
 * (evaluateNode, in topological order, the same seeded draws) with nothing freed, checked or
 * recorded — what `tf.grads` differentiates when we compare against tfjs's own autodiff.
 */
export function graphFunction(program: Program, of: string, wrt: string[], seed = 0): (...xs: Tensor[]) => Tensor {
  return (...xs: Tensor[]) => {
    const vals = new Map<string, Tensor>();
    wrt.forEach((id, i) => {
      vals.set(id, xs[i] as Tensor);
    });
    const ctx: OpContext = {
      rng: makeRng(seed),
      value: (id) => vals.get(id) as Tensor,
      grad: () => {
        throw new Error('graphFunction has no backward pass');
      },
    };
    for (const id of program.order) {
      if (vals.has(id)) continue;
      const n = program.nodes.get(id) as CompiledNode;
      vals.set(
        id,
        n.op
          ? evaluateNode(
              n,
              n.inputs.map((s) => vals.get(s) as Tensor),
              ctx,
            )
          : tf.tensor(n.value as Float32Array, n.shape),
      );
      if (id === of) break;
    }
    return vals.get(of) as Tensor;
  };
}

/** Leaves that receive a gradient from `of` (input and param roles upstream of it). */
export function gradientLeaves(program: Program, of: string): string[] {
  const up = ancestors(program, [of]);
  return program.order.filter((id) => up.has(id) && !program.nodes.get(id)?.op && program.nodes.get(id)?.needsGrad);
}
