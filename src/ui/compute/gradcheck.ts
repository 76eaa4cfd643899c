import type { Program } from '../../core/compile';
import { gradcheck } from '../../engine/gradcheck';
import type { GradcheckReport } from './protocol';

/** Engine VJPs vs tf.grads vs finite differences (src/engine/gradcheck.ts), as plain rows. */
export function runGradcheck(program: Program, o: { objective?: string; seed?: number }): GradcheckReport {
  const r = gradcheck(program, o);
  const row = (c: (typeof r.nodes)[number] | (typeof r.leaves)[number], op: string) => ({
    node: c.node,
    op,
    vsTfGrads: c.vsTfGrads,
    vsFiniteDiff: c.vsFiniteDiff,
    pass: c.pass,
    skipped: c.skipped,
    note: c.note,
  });
  return {
    pass: r.pass,
    tolerance: { ...r.tolerance },
    nodes: r.nodes.map((c) => row(c, c.op)),
    leaves: r.leaves.map((c) => row(c, 'leaf')),
  };
}
