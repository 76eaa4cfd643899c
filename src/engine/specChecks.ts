import { norm, parseLiteral, type Snapshot, toNested } from '../core/tensor';
import { type CheckSpec, checkText, DEFAULT_CHECK_TOL } from '../core/variants';
import type { Check } from './exercise';
import type { Trace } from './trace';

const compare = (got: number, want: number, c: CheckSpec): boolean => {
  switch (c.cmp) {
    case '==':
      return Math.abs(got - want) <= (c.tol ?? DEFAULT_CHECK_TOL) * Math.max(1, Math.abs(want));
    case '<':
      return got < want;
    case '<=':
      return got <= want;
    case '>':
      return got > want;
    case '>=':
      return got >= want;
  }
};

/** One declarative check of a GraphSpec against a run: every entry (or the norm) compared. */
export function evaluateCheck(c: CheckSpec, trace: Trace): Check {
  const name = c.name ?? checkText(c);
  const snap: Snapshot | undefined = (c.measure === 'value' ? trace.values : trace.grads).get(c.node);
  if (!snap) {
    const why = c.measure === 'grad' ? `"${c.node}" has no gradient in this run` : `no node "${c.node}"`;
    return { name, pass: false, got: why, expected: c.expected };
  }
  const got: Snapshot = c.norm ? { shape: [], data: Float32Array.of(norm(snap.data)) } : snap;
  const want = parseLiteral(c.expected);
  if (typeof want === 'string') return { name, pass: false, got: toNested(got), expected: `invalid: ${want}` };
  const scalar = want.shape.length === 0;
  if (!scalar && want.shape.join() !== got.shape.join()) {
    return { name, pass: false, got: toNested(got), expected: c.expected };
  }
  let pass = true;
  for (let i = 0; i < got.data.length; i++) {
    if (!compare(got.data[i] as number, want.data[scalar ? 0 : i] as number, c)) pass = false;
  }
  return { name, pass, got: toNested(got), expected: c.expected };
}
