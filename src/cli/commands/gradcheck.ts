import { compileExercise } from '../../engine/exercise';
import { gradcheck } from '../../engine/gradcheck';
import type { CliArgs } from '../args';
import { loadGraph } from '../load';
import { runRequest } from '../request';

const err = (x: number | null) => (x === null ? '—' : x.toExponential(2));

/** `gradcheck <graph>`: per node and per leaf, engine vs tf.grads vs finite differences; exit 1 past tolerance. */
export function gradcheckCommand(a: CliArgs, out: (s: string) => void): number {
  const ex = loadGraph(a.positional[0]);
  const req = runRequest(a);
  const { program } = compileExercise(ex, req);
  const r = gradcheck(program, { objective: req.objective, seed: req.seed });
  if (a.bools.has('json')) {
    out(JSON.stringify({ graph: ex.id, ...r }));
    return r.pass ? 0 : 1;
  }
  out(
    `${ex.id} · objective ${r.objective} · checkpoint every ${r.checkpointEvery} · tolerances: tf.grads ${r.tolerance.tfGrads}, finite differences ${r.tolerance.finiteDiff}`,
  );
  const line = (
    kind: string,
    c: {
      node: string;
      vsTfGrads: number | null;
      vsFiniteDiff: number | null;
      finiteDiff: string | null;
      pass: boolean | null;
      note?: string;
    },
    what: string,
  ) =>
    out(
      `  ${c.pass === null ? 'SKIP' : c.pass ? 'ok  ' : 'FAIL'} ${kind} ${c.node.padEnd(10)} ${what.padEnd(18)} vs tf.grads ${String(err(c.vsTfGrads)).padEnd(12)} vs FD ${String(err(c.vsFiniteDiff)).padEnd(10)} ${(c.finiteDiff ?? '—').padEnd(12)}${c.note ? ` ${c.note}` : ''}`,
    );
  for (const n of r.nodes) line('node', n, n.op);
  for (const l of r.leaves) line('leaf', l, l.role);
  out(
    `${r.pass ? 'PASS' : 'FAIL'}${r.inconclusive ? ` (${r.inconclusive} finite-difference checks inconclusive: noise or a kink dominates)` : ''}`,
  );
  return r.pass ? 0 : 1;
}
