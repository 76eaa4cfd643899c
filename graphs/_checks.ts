import type { Program } from '../src/core/compile';
import { toNested } from '../src/core/tensor';
import type { Check } from '../src/engine/exercise';
import { centralDifference, relativeError } from '../src/engine/numeric';
import type { Trace } from '../src/engine/trace';

/** Engine vs finite differences: float32 Richardson differences reach ~1e-4 relative. */
export const FD_TOL = 1e-3;

/** A notebook "matches FD" check: the trace's gradient of `wrt` vs central differences of the objective. */
export function fdGradientCheck(program: Program, trace: Trace, wrt: string, name: string, h?: number): Check {
  const fd = centralDifference(program, { of: trace.objectiveNode, wrt, h });
  const g = trace.grads.get(wrt);
  const err = g ? relativeError(g.data, fd) : Number.POSITIVE_INFINITY;
  return { name, pass: err < FD_TOL, got: g ? toNested(g) : null, expected: toNested({ shape: g?.shape ?? [], data: fd }) };
}
