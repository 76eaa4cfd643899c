import { f32 } from '../../core/format';
import { norm, showShape } from '../../core/tensor';
import { runExercise } from '../../engine/exercise';
import type { CliArgs } from '../args';
import { loadGraph } from '../load';
import { runRequest } from '../request';

/** `trace <graph>`: the step list a user steps through. */
export function traceCommand(a: CliArgs, out: (s: string) => void): number {
  const ex = loadGraph(a.positional[0]);
  const r = runExercise(ex, runRequest(a));
  const rows = r.trace.steps.map((s) => {
    const flowed = s.value ?? s.grad;
    return {
      index: s.index,
      phase: s.phase,
      node: s.node,
      op: s.op,
      shape: showShape(r.trace.shapes.get(s.node) ?? []),
      inputs: (r.program.nodes.get(s.node)?.inputs ?? []).map((i) => showShape(r.trace.shapes.get(i) ?? [])),
      norm: flowed ? f32(norm(flowed.data)) : null,
      commentary: s.commentary,
      ...(s.fault ? { fault: s.fault } : {}),
    };
  });
  if (a.bools.has('json')) {
    out(JSON.stringify({ graph: ex.id, objective: r.trace.objective, steps: rows }));
    return 0;
  }
  for (const s of rows) {
    const n = s.norm === null ? '' : `‖·‖=${s.norm}`;
    out(
      `${String(s.index).padStart(4)}  ${s.phase.padEnd(9)} ${s.node.padEnd(10)} ${s.op.padEnd(18)} ${s.shape.padEnd(8)} ${n.padEnd(16)} ${s.commentary}${s.fault ? `  [${s.fault}]` : ''}`,
    );
  }
  return 0;
}
