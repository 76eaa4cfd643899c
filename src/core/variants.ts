import { z } from 'zod';
import { GraphError, type Problem } from './errors';
import type { GraphSpec, NestedNumber, OptionValue } from './types';

/**
 * Two additive parts of a GraphSpec, written by the graph language (src/lang) and read by
 * exerciseFromSpec: declarative checks, and nodes whose op or value an option switches.
 */

const nested: z.ZodType<NestedNumber> = z.lazy(() => z.union([z.number(), z.array(nested).max(1 << 20)]));
const idLike = z.string().min(1).max(100);
const attrValue = z.union([z.string().max(200), z.number(), z.boolean(), z.array(z.number()).max(16), z.null()]);

export const checkSchema = z.strictObject({
  /** Shown in the checks panel; absent = the check's own text, e.g. `grad(x) == 46`. */
  name: z.string().max(4000).optional(),
  /** What the check reads: a node's forward value or its gradient (∂objective/∂node). */
  measure: z.enum(['value', 'grad']),
  node: idLike,
  /** Compare the L2 norm of the measured tensor instead of its entries. */
  norm: z.boolean().optional(),
  cmp: z.enum(['==', '<', '<=', '>', '>=']),
  /** A number (compared with every entry) or a literal of the measured shape. */
  expected: nested,
  /** `==` only: |got − expected| ≤ tol · max(1, |expected|), entry by entry. Default 1e-5. */
  tol: z.number().positive().finite().optional(),
});
export type CheckSpec = z.infer<typeof checkSchema>;
export type CheckCmp = CheckSpec['cmp'];

export const DEFAULT_CHECK_TOL = 1e-5;

/**
 * What one case of an option-switched node replaces: a case with an `op` replaces the node's
 * op, inputs and attrs together (absent = none); a case with a `value` replaces a leaf's value.
 */
export const nodeCaseSchema = z.strictObject({
  op: z.string().min(1).max(60).optional(),
  inputs: z.array(idLike).max(64).optional(),
  attrs: z.record(z.string().max(60), attrValue).optional(),
  value: nested.optional(),
});
export type NodeCase = z.infer<typeof nodeCaseSchema>;

/**
 * `by`: the node's op/inputs/attrs/value depend on an option. The node's own fields are the
 * graph at the option's default (or any value without a case); `cases[String(value)]`
 * overrides them for that value.
 */
export const nodeSwitchSchema = z.strictObject({
  option: idLike,
  cases: z.record(z.string().max(100), nodeCaseSchema).refine((c) => Object.keys(c).length <= 64, 'at most 64 cases'),
});
export type NodeSwitch = z.infer<typeof nodeSwitchSchema>;

/** The spec at these options: every `by` resolved into plain fields, and removed. */
export function resolveSwitches(spec: GraphSpec, options: Readonly<Record<string, OptionValue>>): GraphSpec {
  if (!spec.nodes.some((n) => n.by)) return spec;
  const problems: Problem[] = [];
  const nodes = spec.nodes.map((n) => {
    if (!n.by) return n;
    const { by, ...rest } = n;
    if (!Object.hasOwn(options, by.option)) {
      problems.push({ node: n.id, field: 'by.option', message: `no option "${by.option}" in this graph` });
      return rest;
    }
    const key = String(options[by.option]);
    const patch = Object.hasOwn(by.cases, key) ? by.cases[key] : undefined;
    if (!patch) return rest;
    if (patch.op === undefined) return { ...rest, ...patch, op: rest.op };
    const { op: _op, inputs: _inputs, attrs: _attrs, ...keep } = rest;
    return { ...keep, ...patch, op: patch.op };
  });
  if (problems.length) throw new GraphError(problems);
  return { ...spec, nodes };
}

const showNested = (v: NestedNumber): string => (typeof v === 'number' ? String(v) : `[${v.map(showNested).join(', ')}]`);

/** A check as one line of the graph language, e.g. `norm(grad(W1)) < 0.01` or `grad(x) == 46 within 0.001`. */
export function checkText(c: CheckSpec): string {
  const m = `${c.measure}(${c.node})`;
  const tol = c.tol !== undefined ? ` within ${c.tol}` : '';
  return `${c.norm ? `norm(${m})` : m} ${c.cmp} ${showNested(c.expected)}${tol}`;
}
