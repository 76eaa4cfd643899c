import type { AttrValue, NestedNumber, NodeSpec } from '../core/types';
import type { Expr, Span } from './ast';
import { At, constValue, INITIALISERS, isPlainLiteral, roundF32, seedOf } from './consts';
import { OPS } from './gf.ops';
import { expr as exprText, literal } from './text';

/** An operand: a node id, or a constant not yet turned into a node (an op may absorb it: `0.5 * x`). */
type Val = { ref: string; span: Span } | { value: NestedNumber; e: Expr };

const INFIX: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '@': 'matmul', '·': 'dot' };

/** Edit distance with adjacent transpositions (rleu → relu is 1), for "did you mean". */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** ` (did you mean "relu"?)` when some candidate is close. */
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
}

/**
 * Turns `id = expr` into nodes: each op one node; intermediates get the id `id.<op>` (then
 * `id.<op>2`, …) and their expression as label; constants an op cannot absorb become constant
 * leaves `id.c`, `id.c2`, …. `taken(id)` says an id is already used elsewhere in the file.
 */
export function lowerAssign(id: string, e: Expr, taken: (id: string) => boolean, common: Partial<NodeSpec> = {}): Lowered {
  const out: Lowered = { nodes: [], spans: new Map(), uses: [] };
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
        const op = Object.hasOwn(OPS, e.fn) ? OPS[e.fn] : undefined;
        if (!op) {
          if (INITIALISERS.includes(e.fn)) throw new At(e, `${e.fn}(…) takes numbers only: it makes a constant value`);
          throw new At(e.fnSpan, `unknown op "${e.fn}"${didYouMean(e.fn, [...Object.keys(OPS), ...INITIALISERS])}`, 'op');
        }
        const n = e.args.length;
        if (op.variadic ? n < 1 : n !== op.inputs.length) {
          const want = op.variadic
            ? 'one or more inputs'
            : `${op.inputs.length} input${op.inputs.length === 1 ? '' : 's'} (${op.inputs.join(', ')})`;
          throw new At(e, `${e.fn} takes ${want}, got ${n}`, 'inputs');
        }
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
        const ins = e.args.map((a) => lower(a, false));
        return node(e, top, e.fn, ins, e.kwargs.length ? attrs : undefined);
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
