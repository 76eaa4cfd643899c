import { compile, withValues } from '../../core/compile';
import { resolveOptions } from '../../core/options';
import type { CliArgs } from '../args';
import { loadGraph } from '../load';
import { runRequest } from '../request';

/** `check <graph>`: validate only (schema, ops, inputs, cycles, shapes). */
export function checkCommand(a: CliArgs, out: (s: string) => void): number {
  const ex = loadGraph(a.positional[0]);
  const req = runRequest(a);
  const options = resolveOptions(ex.options, req.options);
  const spec = ex.build(options);
  const program = compile(req.inputs ? withValues(spec, req.inputs) : spec);
  out(`ok: ${ex.id} — ${program.nodes.size} nodes, objectives ${[...program.objectives.keys()].join(', ')}`);
  return 0;
}
