import { distance } from '../core/suggest';
import type { AttrValue, NestedNumber, NodeSpec } from '../core/types';
import type { Expr, Span } from './ast';
import { At, constValue, INITIALISERS, isPlainLiteral, roundF32, seedOf } from './consts';
import { expr as exprText, literal } from './text';

/** An operand: a node id, or a constant not yet turned into a node (an op may absorb it: `0.5 * x`). */
type Val = { ref: string; span: Span } | { value: NestedNumber; e: Expr };

const INFIX: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '@': 'matmul', '·': 'dot' };

/**
 * ` (did you mean "weight"?)` when some candidate is close: the engine's edit distance, stricter
 * for short names (a one-letter name gets no suggestion: "q" is no typo of "x").
 */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestD = Math.min(word.length, Math.max(1, Math.floor(word.length / 3)) + 1);
  for (const c of candidates) {
    const dd = distance(word.toLowerCase(), c.toLowerCase());
    if (dd < bestD) [best, bestD] = [c, dd];
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

/** What an assignment's expression turned into. */
export interface Lowered {
  /** Its nodes, intermediates first (post-order), the assigned node last. */
  nodes: NodeSpec[];
  /** Where each node's expression is, for located errors. */
  spans: Map<string, Span>;
  /** Names the expression reads, with where. */
  uses: { id: string; span: Span }[];
  /** Where a call's op name (`op`) and its arguments (`inputs`) are, by node: the engine checks both. */
  fields: { node: string; field: 'op' | 'inputs'; span: Span }[];
}

/**
 * Turns `id = expr` into nodes: each op one node; intermediates get the id `id.<op>` (then
 * `id.<op>2`, …) and their expression as label; constants an op cannot absorb become constant
 * leaves `id.c`, `id.c2`, …. `taken(id)` says an id is already used elsewhere in the file.
 */
export function lowerAssign(id: string, e: Expr, taken: (id: string) => boolean, common: Partial<NodeSpec> = {}): Lowered {
  const out: Lowered = { nodes: [], spans: new Map(), uses: [], fields: [] };
  const counts = new Map<string, number>();
  const mine = new Set<string>();
  let seeds = 0;
  const seed = () => seedOf(seeds++ === 0 ? id : `${id}#${seeds}`);
  const fresh = (base: string): string => {
    for (let n = counts.get(base) ?? 1; ; n++) {
      const cand = `${id}.${base}${n === 1 ? '' : n}`;
      if (!taken(cand) && !mine.has(cand)) {
        counts.set(base, n + 1);
        mine.add(cand);
        return cand;
      }
    }
  };
  const emit = (n: NodeSpec, span: Span): { ref: string; span: Span } => {
    out.nodes.push(n);
    out.spans.set(n.id, span);
    return { ref: n.id, span };
  };
  const materialize = (v: Val): string => {
    if ('ref' in v) return v.ref;
    const cid = fresh('c');
    const value = isPlainLiteral(v.e) ? v.value : roundF32(v.value);
    emit({ id: cid, op: 'leaf', value, role: 'constant', label: literal(value), ...common }, v.e);
    return cid;
  };
  const node = (e: Expr, top: boolean, op: string, ins: Val[], attrs?: Record<string, AttrValue>): Val => {
    const inputs = ins.map(materialize);
    const nid = top ? id : fresh(op);
    const n: NodeSpec = { id: nid, op, inputs, ...(attrs ? { attrs } : {}) };
    if (!top) Object.assign(n, { label: exprText(e) }, common);
    return emit(n, e);
  };
  const scalarOf = (v: Val): number | undefined => ('value' in v && typeof v.value === 'number' ? v.value : undefined);

  const lower = (e: Expr, top: boolean): Val => {
    const c = constValue(e, seed);
    if (c !== null) return { value: c, e };
    switch (e.k) {
      case 'name':
        out.uses.push({ id: e.id, span: e });
        return { ref: e.id, span: e };
      case 'neg':
        return node(e, top, 'neg', [lower(e.x, false)]);
      case 'array':
        throw new At(e, 'an array literal holds numbers only; to stack nodes write stack(a, b, …)');
      case 'bin': {
        if (e.op === '^') {
          if (e.r.k === 'name' && e.r.id === 'T') return node(e, top, 'transpose', [lower(e.l, false)]);
          const p = constValue(e.r, seed);
          if (typeof p !== 'number') throw new At(e.r, 'an exponent is a number (x^2, x^0.5) or T for the transpose (W^T)', 'attrs.p');
          const x = lower(e.l, false);
          return p === 2 ? node(e, top, 'square', [x]) : node(e, top, 'pow', [x], { p });
        }
        const l = lower(e.l, false);
        const r = lower(e.r, false);
        const [ls, rs] = [scalarOf(l), scalarOf(r)];
        if (e.op === '*' && ls !== undefined) return node(e, top, 'scale', [r], { by: ls });
        if (e.op === '*' && rs !== undefined) return node(e, top, 'scale', [l], { by: rs });
        if (e.op === '/' && rs !== undefined) {
          if (rs === 0) throw new At(e.r, 'division by zero');
          return node(e, top, 'scale', [l], { by: roundF32(1 / rs) as number });
        }
        return node(e, top, INFIX[e.op] as string, [l, r]);
      }
      case 'call': {
        if (e.fn === 'value' || e.fn === 'grad' || e.fn === 'norm') {
          throw new At(e.fnSpan, `${e.fn}(…) is for checks (check grad(x) == 46); an op here needs a name from the op list`, 'op');
        }
        if (INITIALISERS.includes(e.fn)) throw new At(e, `${e.fn}(…) takes numbers only: it makes a constant value`);
        const attrs: Record<string, AttrValue> = {};
        for (const k of e.kwargs) {
          if (Object.hasOwn(attrs, k.key)) throw new At(k, `attr "${k.key}" given twice`, `attrs.${k.key}`);
          const v = k.value;
          if (v.k === 'str' || v.k === 'bool') attrs[k.key] = v.v;
          else if (v.k === 'null') attrs[k.key] = null;
          else if (v.k === 'name') attrs[k.key] = v.id;
          else {
            const cv = constValue(v, seed);
            if (cv === null)
              throw new At(v, `attr "${k.key}" must be a constant (a number, a string, true/false, null or [numbers])`, `attrs.${k.key}`);
            if (Array.isArray(cv) && !cv.every((x) => typeof x === 'number'))
              throw new At(v, `attr "${k.key}" takes a flat list of numbers`, `attrs.${k.key}`);
            attrs[k.key] = cv as AttrValue;
          }
        }
        // Any name is lowered to a node of that op: the engine's registry says whether it is one
        // and how many inputs it takes (compile, located back here through `fields`).
        const ins = e.args.map((a) => lower(a, false));
        const made = node(e, top, e.fn, ins, e.kwargs.length ? attrs : undefined) as { ref: string; span: Span };
        out.fields.push({ node: made.ref, field: 'op', span: e.fnSpan }, { node: made.ref, field: 'inputs', span: e });
        return made;
      }
      default:
        throw new At(e, 'unexpected expression');
    }
  };

  const v = lower(e, true);
  if ('ref' in v && v.ref !== id) throw new At(e, `"${id} = ${v.ref}" only renames a node; use ${v.ref} directly`);
  if ('value' in v) throw new At(e, 'a constant: write it as a leaf (e.g. `constant c = 2`)');
  return out;
}
