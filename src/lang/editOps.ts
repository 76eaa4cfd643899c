import type { SyntaxNode } from '@lezer/common';
import type { AttrValue, GraphSpec, NodeSpec, Role } from '../core/types';
import {
  type Assign,
  finish,
  type GfEdit,
  type GfIndex,
  indexGf,
  lineAfter,
  lineBefore,
  refuse,
  type Site,
  type Splice,
  siteOf,
  stmtLines,
} from './edit';
import { identOf } from './editRefs';
import { opExpr } from './print';
import { expr, ident as identText, literal, quote } from './text';

/**
 * The canvas's edits as edits of the .gf text (see edit.ts): each changes the expression or the
 * line it concerns and nothing else. What the engine thinks of the result (shapes, arity, cycles)
 * is for the caller to ask; an edit that cannot even be written is refused with a located problem.
 */
export type NewNode = { op: string; arity: number } | { leaf: Role };

export type GfEditOp =
  | { k: 'rename'; from: string; to: string }
  | { k: 'op'; id: string; op: string }
  | { k: 'input'; target: string; slot: number; source: string }
  | { k: 'dropInput'; target: string; slot: number }
  | { k: 'delete'; id: string }
  | { k: 'add'; what: NewNode; from: string | null }
  | { k: 'residual'; id: string; skip: string };

export function editGf(text: string, op: GfEditOp): GfEdit {
  const ix = indexGf(text);
  if (!('spec' in ix)) return { ok: false, problem: ix };
  switch (op.k) {
    case 'rename':
      return rename(ix, op.from, op.to);
    case 'op':
      return setOp(ix, op.id, op.op);
    case 'input':
      return setInput(ix, op.target, op.slot, op.source);
    case 'dropInput':
      return dropInput(ix, op.target, op.slot);
    case 'delete':
      return deleteNode(ix, op.id);
    case 'add':
      return addNode(ix, op.what, op.from);
    case 'residual':
      return addResidual(ix, op.id, op.skip);
  }
}

/** A fresh id: `base`, else `base2`, `base3`, … */
export function freshId(spec: GraphSpec, base: string): string {
  const taken = new Set(spec.nodes.map((n) => n.id));
  if (!taken.has(base)) return base;
  let k = 2;
  while (taken.has(`${base}${k}`)) k++;
  return `${base}${k}`;
}

const nodeOf = (ix: GfIndex, id: string): NodeSpec | undefined => ix.spec.nodes.find((n) => n.id === id);
const src = (ix: GfIndex, n: SyntaxNode): string => ix.text.slice(n.from, n.to);
const kids = (n: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
};
const unparen = (n: SyntaxNode): SyntaxNode => {
  let m = n;
  while (m.name === 'ParenExpression' && kids(m)[1]) m = kids(m)[1] as SyntaxNode;
  return m;
};
/** The expression with the parentheses written around it, when there are some. */
const withParens = (n: SyntaxNode): SyntaxNode => {
  let m = n;
  while (m.parent?.name === 'ParenExpression') m = m.parent;
  return m;
};

/** The operand expressions of an op's expression, as written (call arguments, infix sides, the negated). */
function operands(e: SyntaxNode): SyntaxNode[] {
  if (e.name === 'Call')
    return (e.getChild('ArgList')?.getChildren('Arg') ?? []).map((a) => a.firstChild as SyntaxNode).filter((c) => c.name !== 'KeywordArg');
  if (e.name === 'BinaryExpression') {
    const k = kids(e);
    return [k[0] as SyntaxNode, k[2] as SyntaxNode];
  }
  if (e.name === 'UnaryExpression') return [e.lastChild as SyntaxNode];
  return [];
}

/**
 * The operand written for each input slot of a node: `b` is input 1 of `a + b`; the scalar of
 * `0.5 * x` and the exponent of `x^2` are attributes, not inputs. Null when they cannot be matched.
 */
function inputOperands(ix: GfIndex, node: NodeSpec, e: SyntaxNode): SyntaxNode[] | null {
  const ops = operands(e);
  const used = new Set<number>();
  const out: SyntaxNode[] = [];
  for (const id of node.inputs ?? []) {
    const span = ix.spans.get(id);
    const j = ops.findIndex((o, k) => {
      if (used.has(k)) return false;
      const u = unparen(o);
      if (u.name === 'Ident') return identOf(ix.text, u) === id;
      return span !== undefined && !ix.assigns.some((a) => a.id === id) && span.from === u.from && span.to === u.to;
    });
    if (j < 0) return null;
    used.add(j);
    out.push(ops[j] as SyntaxNode);
  }
  return out;
}

const attrText = (v: AttrValue): string =>
  v === null ? 'null' : typeof v === 'string' ? quote(v) : typeof v === 'boolean' ? String(v) : literal(v);

/** An op written as a call over operand texts, its attrs as keyword arguments. */
const callText = (op: string, args: string[], attrs?: Record<string, AttrValue>): string =>
  `${op}(${[...args, ...Object.entries(attrs ?? {}).map(([k, v]) => `${k}=${attrText(v)}`)].join(', ')})`;

interface OpSite extends Site {
  node: NodeSpec;
  expr: SyntaxNode;
  inputs: SyntaxNode[];
}

/** The site of an op node whose operands can be edited, or why not. */
function opSite(ix: GfIndex, id: string, field: string): OpSite | GfEdit {
  const node = nodeOf(ix, id);
  const site = siteOf(ix, id);
  if (!node || !site) return refuse(id, field, `no node "${id}"`);
  if (node.op === 'leaf') return refuse(id, field, `"${id}" is a leaf: it has a value, not an op`);
  if (node.by || !site.expr) return refuse(id, field, `"${id}" switches on option "${node.by?.option}": edit its cases in the text`);
  const inputs = inputOperands(ix, node, site.expr);
  if (!inputs) return refuse(id, field, `the inputs of "${id}" are not written as operands of its expression: edit its text`);
  return { ...site, node, expr: site.expr, inputs };
}
const isEdit = (x: OpSite | GfEdit): x is GfEdit => 'ok' in x;

const INFIX: Record<string, string> = { add: '+', sub: '-', mul: '*', div: '/', matmul: '@', dot: '·' };
const PRECEDENCE: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2, '@': 2, '·': 2 };

/** Text that can stand where an operand was (wrapped when it would bind looser than its place). */
function operandText(ix: GfIndex, operand: SyntaxNode, place: SyntaxNode): string {
  const u = unparen(operand);
  const loose = u.name === 'BinaryExpression' || u.name === 'UnaryExpression';
  const tight = place.parent?.name === 'BinaryExpression' || place.parent?.name === 'UnaryExpression';
  return loose && tight ? `(${src(ix, u)})` : src(ix, u);
}

/**
 * Another op at a node, same inputs, its attrs dropped (they were the old op's). A call keeps
 * its argument text and changes its name; `a + b` → `a * b` keeps the operator's place when the
 * precedence is the same; anything else is written as a call over the operands. An intermediate's
 * generated id follows the op (`z.relu` → `z.sigmoid`, and what reads it); so does a top-level id
 * that is the old op's name (`relu2`, as the palette names a new node); any other name is kept.
 */
function setOp(ix: GfIndex, id: string, op: string): GfEdit {
  const s = opSite(ix, id, 'op');
  if (isEdit(s)) return s;
  if (op === s.node.op) return finish(ix, [], { old: id });
  const e = s.expr;
  let splice: Splice;
  const args = s.inputs.map((o) => src(ix, unparen(o)));
  const kw =
    e.name === 'Call' &&
    e
      .getChild('ArgList')
      ?.getChildren('Arg')
      .some((a) => a.firstChild?.name === 'KeywordArg');
  const bin = e.name === 'BinaryExpression' ? (kids(e)[1] as SyntaxNode) : null;
  if (e.name === 'Call' && !kw && s.inputs.length === operands(e).length) {
    const fn = e.firstChild as SyntaxNode;
    splice = { from: fn.from, to: fn.to, insert: op };
  } else if (
    bin &&
    s.inputs.length === 2 &&
    INFIX[op] &&
    INFIX[s.node.op] &&
    PRECEDENCE[INFIX[op] as string] === PRECEDENCE[INFIX[s.node.op] as string]
  ) {
    splice = { from: bin.from, to: bin.to, insert: INFIX[op] as string };
  } else splice = { from: e.from, to: e.to, insert: callText(op, args) };
  const rest = s.top ? id.slice(s.node.op.length) : '';
  const generated = s.top && id.startsWith(s.node.op) && /^\d*$/.test(rest);
  if (!generated) return finish(ix, [splice], { old: id });
  const to = freshId({ ...ix.spec, nodes: ix.spec.nodes.filter((n) => n.id !== id) }, op);
  const lhs = s.assign.idSpan;
  return finish(
    ix,
    [splice, { from: lhs.from, to: lhs.to, insert: identText(to) }],
    { id: to },
    { map: new Map([[id, to]]), kinds: 'all' },
  );
}

/** A node's new id is free and not a generated id of another line. */
function badName(ix: GfIndex, from: string, to: string): GfEdit | null {
  if (to === '') return refuse(from, 'id', 'an id cannot be empty');
  if (/[\n`]/.test(to)) return refuse(from, 'id', 'an id is one line without backticks');
  if (nodeOf(ix, to)) return refuse(from, 'id', `"${to}" is already the id of another node`);
  return null;
}

/**
 * Renames a node. A line's own id: its name, and every name that reads it (objectives, checks,
 * tracks too); its intermediates follow (`z.add` → `h.add`). An intermediate: its expression
 * moves onto a line of its own above, named `to`, and its place reads `to`.
 */
function rename(ix: GfIndex, from: string, to: string): GfEdit {
  const node = nodeOf(ix, from);
  const site = siteOf(ix, from);
  if (!node || !site) return refuse(from, 'id', `no node "${from}"`);
  if (to === from) return finish(ix, [], { old: from });
  const bad = badName(ix, from, to);
  if (bad) return bad;
  const explicit = { map: new Map([[from, to]]), kinds: 'all' as const };
  if (site.top) {
    const lhs = site.assign.idSpan;
    return finish(ix, [{ from: lhs.from, to: lhs.to, insert: identText(to) }], { id: to }, explicit);
  }
  if (!site.expr) return refuse(from, 'id', `"${from}" is not written as an expression of its own: edit its text`);
  const e = site.expr;
  const role = node.op === 'leaf' ? 'constant ' : '';
  const head = `${role}${identText(to)} = `;
  const line = lineBefore(ix.text, site.assign, `${head}${src(ix, e)}`);
  const moved: Splice = { ...line, copy: { at: line.prefix + head.length, from: e.from, to: e.to } };
  const place = withParens(e);
  return finish(ix, [moved, { from: place.from, to: place.to, insert: identText(to) }], { id: to }, explicit);
}

/** Input `slot` of `target` reads `source` (slot = the number of inputs: one more input, where the op's form allows). */
function setInput(ix: GfIndex, target: string, slot: number, source: string): GfEdit {
  const s = opSite(ix, target, 'inputs');
  if (isEdit(s)) return s;
  if (!nodeOf(ix, source)) return refuse(target, 'inputs', `no node "${source}"`);
  const n = s.inputs.length;
  if (!Number.isInteger(slot) || slot < 0 || slot > n) return refuse(target, `inputs[${slot}]`, `"${target}" has ${n} inputs`);
  const name = identText(source);
  if (slot < n) {
    const o = s.inputs[slot] as SyntaxNode;
    return finish(ix, [{ from: o.from, to: o.to, insert: name }], { old: target });
  }
  const e = s.expr;
  if (e.name === 'Call' && operands(e).length === n) {
    const last = s.inputs[n - 1];
    const open = e.getChild('ArgList')?.firstChild as SyntaxNode;
    const splice = last ? { from: last.to, to: last.to, insert: `, ${name}` } : { from: open.to, to: open.to, insert: name };
    const next = last ? null : e.getChild('ArgList')?.getChild('Arg');
    if (next) splice.insert = `${name}, `;
    return finish(ix, [splice], { old: target });
  }
  const args = [...s.inputs.map((o) => src(ix, unparen(o))), name];
  return finish(ix, [{ from: e.from, to: e.to, insert: callText(s.node.op, args, s.node.attrs) }], { old: target });
}

/**
 * Removes input `slot` of `target`: a call loses that argument (and its comma); an infix or
 * prefix form is written as a call without it (`a + b` → `add(a)`), which the language then
 * refuses with its located message when the op needs the input — the caller decides to keep it.
 */
function dropInput(ix: GfIndex, target: string, slot: number): GfEdit {
  const s = opSite(ix, target, 'inputs');
  if (isEdit(s)) return s;
  const o = s.inputs[slot];
  if (!o || !Number.isInteger(slot)) return refuse(target, `inputs[${slot}]`, 'no such input edge');
  const e = s.expr;
  if (e.name === 'Call') {
    const args = e.getChild('ArgList')?.getChildren('Arg') ?? [];
    const i = args.findIndex((a) => a.firstChild?.from === o.from);
    const arg = args[i] as SyntaxNode;
    const next = args[i + 1];
    const prev = args[i - 1];
    const splice = next
      ? { from: arg.from, to: next.from, insert: '' }
      : prev
        ? { from: prev.to, to: arg.to, insert: '' }
        : { from: arg.from, to: arg.to, insert: '' };
    return finish(ix, [splice], { old: target });
  }
  const args = s.inputs.filter((_, k) => k !== slot).map((x) => src(ix, unparen(x)));
  return finish(ix, [{ from: e.from, to: e.to, insert: callText(s.node.op, args, s.node.attrs) }], { old: target });
}

/**
 * Removes a node; what read it reads its first input instead (deleting `a = relu(z)` leaves the
 * readers of `a` reading `z`). A line whose first operand is itself an expression keeps its name
 * for it (`a = relu(W @ x)` → `a = W @ x`); an intermediate is replaced by its first operand. A
 * leaf's readers are left reading a name that is gone (the language names them). Refused: a
 * node that is an objective or that a check reads.
 */
function deleteNode(ix: GfIndex, id: string): GfEdit {
  const node = nodeOf(ix, id);
  const site = siteOf(ix, id);
  if (!node || !site) return refuse(id, 'id', `no node "${id}"`);
  const objective = ix.spec.objectives.find((o) => o.node === id);
  if (objective) return refuse(id, 'objective', `objective "${objective.name}" is this node: point it at another node first`);
  if (ix.spec.checks?.some((c) => c.node === id)) return refuse(id, 'checks', `a check reads "${id}": remove that check first`);
  if (node.op === 'leaf' || node.by) {
    if (!site.top) return refuse(id, 'id', `"${id}" is a constant written in the expression of "${site.assign.id}": edit its text`);
    return finish(ix, [{ ...stmtLines(ix.text, site.assign), insert: '' }]);
  }
  const s = opSite(ix, id, 'id');
  if (isEdit(s)) return s;
  const first = s.inputs[0];
  if (!first) return finish(ix, [{ ...stmtLines(ix.text, site.assign), insert: '' }]);
  const u = unparen(first);
  if (s.top && u.name === 'Ident') {
    const repoint = { map: new Map([[id, identOf(ix.text, u)]]), kinds: 'expr' as const };
    return finish(ix, [{ ...stmtLines(ix.text, site.assign), insert: '' }], undefined, repoint);
  }
  if (s.top) {
    // the first operand's node takes the line's name: what read it by its generated id reads the name
    const promoted = { map: new Map([[s.node.inputs?.[0] as string, id]]), kinds: 'all' as const };
    return finish(ix, [{ from: s.expr.from, to: s.expr.to, insert: src(ix, u) }], { id }, promoted);
  }
  const place = withParens(s.expr);
  return finish(ix, [{ from: place.from, to: place.to, insert: operandText(ix, first, place) }]);
}

/** Where a new line goes: after the last assignment of the file (so before objectives and checks). */
function lastAssign(ix: GfIndex): Assign | undefined {
  const top = ix.stmts.filter((s): s is Assign => s.k === 'assign');
  return top[top.length - 1] ?? ix.assigns[ix.assigns.length - 1];
}

/** Adds a line: an op reading `from` in every input slot (connect the others afterwards), or a leaf of a role, the scalar 1. */
function addNode(ix: GfIndex, what: NewNode, from: string | null): GfEdit {
  let id: string;
  let line: string;
  if ('leaf' in what) {
    id = freshId(ix.spec, what.leaf === 'constant' ? 'c' : what.leaf === 'param' ? 'w' : 'x');
    line = `${what.leaf} ${identText(id)} = 1`;
  } else {
    const source = from ?? ix.spec.nodes[0]?.id;
    if (source === undefined) return refuse(undefined, 'nodes', 'the graph has no node to read from');
    id = freshId(ix.spec, what.op);
    const args = Array.from({ length: what.arity }, () => ({ k: 'name' as const, id: source, from: 0, to: 0 }));
    // the printer's form of the op: `neg = -x`, `add = x + x`, `tanh = tanh(x)`
    line = `${identText(id)} = ${expr(opExpr(what.op, args, undefined))}`;
  }
  const after = lastAssign(ix);
  const splice = after ? lineAfter(ix.text, after, line) : { from: ix.text.length, to: ix.text.length, insert: `${line}\n` };
  return finish(ix, [splice], { id });
}

/**
 * A residual around `id` from `skip`: what read `id` reads `id + skip`. For a line's own node
 * a new line `<id>_res = id + skip` below it; for an intermediate, its place becomes `(… + skip)`.
 */
function addResidual(ix: GfIndex, id: string, skip: string): GfEdit {
  const site = siteOf(ix, id);
  if (!nodeOf(ix, id) || !site) return refuse(id, 'inputs', `no node "${id}"`);
  if (!nodeOf(ix, skip)) return refuse(id, 'inputs', `no node "${skip}"`);
  if (skip === id) return refuse(id, 'inputs', 'a residual adds another node to this one');
  if (site.top) {
    const sum = freshId(ix.spec, `${id}_res`);
    const splice = lineAfter(ix.text, site.assign, `${identText(sum)} = ${identText(id)} + ${identText(skip)}`);
    return finish(ix, [splice], { id: sum }, { map: new Map([[id, sum]]), kinds: 'expr' });
  }
  if (!site.expr) return refuse(id, 'inputs', `"${id}" is not written as an expression of its own: edit its text`);
  const place = withParens(site.expr);
  const inner = `${src(ix, site.expr)} + ${identText(skip)}`;
  const splice = { from: place.from, to: place.to, insert: `(${inner})` };
  return finish(ix, [splice], { splice, from: 1, to: 1 + inner.length });
}
