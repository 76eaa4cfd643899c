import type { Program } from '../core/compile';
import { GraphError } from '../core/errors';
import { execute } from './execute';
import type { Trace } from './trace';

export interface RunOptions {
  /** Objective name (default: the first). */
  objective?: string;
  seed?: number;
  /**
   * Keep every k-th layer's output, free the other layer activations after forward, recompute
   * them in backward. 0 = keep what backward reads. Default: the graph's `checkpoint` field.
   */
  checkpointEvery?: number;
}

export function objectiveNode(program: Program, name?: string): { name: string; node: string } {
  const chosen = name ?? program.spec.objectives[0]?.name;
  const node = chosen === undefined ? undefined : program.objectives.get(chosen);
  if (chosen === undefined || node === undefined) {
    const known = [...program.objectives.keys()].join(', ');
    throw new GraphError([{ field: 'objective', message: `unknown objective "${name}" (this graph has: ${known})` }]);
  }
  return { name: chosen, node };
}

/** Forward and backward, recorded step by step: the Trace every view reads. */
export function run(program: Program, o: RunOptions = {}): Trace {
  const obj = objectiveNode(program, o.objective);
  const seed = o.seed ?? 0;
  const checkpointEvery = o.checkpointEvery ?? program.spec.checkpoint ?? 0;
  const r = execute(program, { seedNode: obj.node, seed, checkpointEvery, record: true });
  const shapes = new Map([...program.nodes.values()].map((n) => [n.id, n.shape]));
  return {
    objective: obj.name,
    objectiveNode: obj.node,
    seed,
    checkpointEvery,
    steps: r.steps,
    values: r.values,
    grads: r.grads,
    shapes,
    stats: r.stats,
    faults: r.faults,
  };
}
