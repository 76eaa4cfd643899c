import { compileExercise } from '../../engine/exercise';
import type { CliArgs } from '../args';
import { loadGraph } from '../load';
import { runRequest } from '../request';

/** `check <graph>`: validate only (schema, ops, inputs, cycles, shapes). */
export function checkCommand(a: CliArgs, out: (s: string) => void): number {
  const ex = loadGraph(a.positional[0]);
  const { program } = compileExercise(ex, runRequest(a));
  out(`ok: ${ex.id} — ${program.nodes.size} nodes, objectives ${[...program.objectives.keys()].join(', ')}`);
  return 0;
}
