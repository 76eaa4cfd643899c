import { f32, snapshotJson, snapshotsJson } from '../../core/format';
import { norm, showShape } from '../../core/tensor';
import { runExercise } from '../../engine/exercise';
import type { CliArgs } from '../args';
import { loadGraph } from '../load';
import { runRequest } from '../request';

/** `run <graph>`: forward and backward; exit 1 when a check fails. */
export function runCommand(a: CliArgs, out: (s: string) => void): number {
  const ex = loadGraph(a.positional[0]);
  const r = runExercise(ex, runRequest(a));
  const failed = r.checks.filter((c) => !c.pass).length;
  if (a.bools.has('json')) {
    out(
      JSON.stringify({
        graph: ex.id,
        objective: r.trace.objective,
        values: snapshotsJson(r.trace.values),
        grads: snapshotsJson(r.trace.grads),
        checks: r.checks,
        faults: r.trace.faults,
        ...r.blocks,
      }),
    );
    return failed ? 1 : 0;
  }
  const obj = r.trace.values.get(r.trace.objectiveNode);
  out(`${ex.id} · objective ${r.trace.objective} = ${obj ? snapshotJson(obj) : '?'}`);
  for (const [id, g] of r.trace.grads) {
    if (!r.program.nodes.get(id)?.role) continue;
    const body = g.data.length <= 12 ? `  ${JSON.stringify(snapshotJson(g))}` : '  (use --json for every entry)';
    out(`  ∂${r.trace.objective}/∂${id} ${showShape(g.shape)}  ‖·‖ = ${f32(norm(g.data))}${body}`);
  }
  for (const f of r.trace.faults) out(`  FAULT at step ${f.step}: ${f.message}`);
  for (const c of r.checks) out(`${c.pass ? 'PASS' : 'FAIL'} - ${c.name}`);
  return failed ? 1 : 0;
}
