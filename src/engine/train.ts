import type { Program } from '../core/compile';
import { GraphError } from '../core/errors';
import { execute } from './execute';
import { objectiveNode } from './run';

export interface TrainOptions {
  lr: number;
  steps: number;
  /** Leaves to update (default: every `param` leaf). */
  params?: string[];
  objective?: string;
  /** Starting values (default: the program's). */
  values?: ReadonlyMap<string, Float32Array>;
  seed?: number;
  /** Leaf values for step s on top of the parameters (a minibatch): SGD on data. finalLoss uses no batch. */
  batch?: (step: number) => ReadonlyMap<string, Float32Array>;
  /** Called after each update with the loss before it and the updated values: progress bars, evaluation. */
  onStep?: (step: number, loss: number, values: ReadonlyMap<string, Float32Array>) => void;
}

export interface TrainResult {
  /** Loss before each update (losses[0] is the starting loss). */
  losses: number[];
  finalLoss: number;
  params: Map<string, Float32Array>;
}

/** Plain SGD: p ← p − lr·∂L/∂p, using the same engine as every trace. */
export function train(program: Program, o: TrainOptions): TrainResult {
  const obj = objectiveNode(program, o.objective);
  const names = o.params ?? [...program.nodes.values()].filter((n) => n.role === 'param').map((n) => n.id);
  const values = new Map(o.values);
  for (const id of names) {
    const n = program.nodes.get(id);
    if (!n?.value || (n.role !== 'param' && n.role !== 'input')) {
      throw new GraphError([{ node: id, field: 'params', message: 'only input and param leaves can be trained' }]);
    }
    values.set(id, Float32Array.from(values.get(id) ?? n.value));
  }
  const losses: number[] = [];
  for (let s = 0; s < o.steps; s++) {
    const stepValues = o.batch ? new Map([...values, ...o.batch(s)]) : values;
    const r = execute(program, { seedNode: obj.node, values: stepValues, seed: (o.seed ?? 0) + s });
    const loss = r.values.get(obj.node)?.data[0] as number;
    losses.push(loss);
    for (const id of names) {
      const g = r.grads.get(id)?.data;
      const p = values.get(id) as Float32Array;
      if (g) for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) - o.lr * (g[i] as number);
    }
    o.onStep?.(s, loss, values);
  }
  const last = execute(program, { seedNode: obj.node, values, seed: (o.seed ?? 0) + o.steps, forwardOnly: true });
  const finalLoss = last.values.get(obj.node)?.data[0] as number;
  return { losses, finalLoss, params: new Map(names.map((id) => [id, values.get(id) as Float32Array])) };
}
