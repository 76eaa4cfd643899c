import type { SyntaxNode, Tree } from '@lezer/common';
import type { Problem } from '../core/errors';
import type { GraphSpec, OptionValue } from '../core/types';
import type { Span, Stmt } from './ast';
import { compileStatements } from './compile';
import { refTokens } from './editRefs';
import { parser } from './gf.parser';
import { type GfParse, parseGf } from './parse';
import { readSyntax } from './syntax';
import { ident as identText } from './text';

/**
 * Source-preserving edits of a .gf text: the machinery. An edit (editOps.ts) is a few splices of
 * the text at positions read from the Lezer syntax tree; everything else — formatting, comments,
 * blank lines, order — is left byte for byte. Node ids the language generates (`z.relu`,
 * `z.relu2`, …) may change when an expression changes; `finish` finds each old node again by
 * where its expression now is, and rewrites the names that read a node whose id changed.
 */

/** One replacement in the original text. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/** A splice; `copy` says the inserted text holds the old text [from, to) at offset `at` (text moved, not rewritten). */
export interface Splice extends TextChange {
  copy?: { at: number; from: number; to: number };
}

export type Assign = Extract<Stmt, { k: 'assign' }>;

/** An edited text, the changes that made it (for the editor: its cursor and history), and its parse. */
export type GfEdit =
  | {
      ok: true;
      text: string;
      changes: TextChange[];
      parse: GfParse;
      /** The node to select afterwards (the edited or added one), by its id in the new text. */
      focus?: string;
      /** Old id → new id of every node whose id changed. */
      renamed: ReadonlyMap<string, string>;
    }
  | { ok: false; problem: Problem };

export const refuse = (node: string | undefined, field: string, message: string): GfEdit => ({
  ok: false,
  problem: { ...(node !== undefined ? { node } : {}), field, message },
});

const EXPRS = new Set(['Number', 'Ident', 'Call', 'ParenExpression', 'ArrayLiteral', 'UnaryExpression', 'BinaryExpression']);
export const isExprNode = (n: SyntaxNode): boolean => EXPRS.has(n.name);

/** The text, its tree, statements and compiled graph, with each node's id → span. */
export interface GfIndex {
  text: string;
  tree: Tree;
  spec: GraphSpec;
  spans: ReadonlyMap<string, Span>;
  assigns: Assign[];
  /** Top-level statements, in order. */
  stmts: Stmt[];
  /** The option values the canvas shows (the rest at their defaults): an edit of a switch changes the case they pick. */
  options: Readonly<Record<string, OptionValue>>;
}

/** Indexes a text that compiles; a located problem otherwise (edit a graph that runs). */
export function indexGf(text: string, options: Readonly<Record<string, OptionValue>> = {}): GfIndex | Problem {
  const gf = parseGf(text);
  if (!gf.spec) {
    const p = gf.problems[0];
    return { field: '(syntax)', message: `fix the text first (${p ? `${p.line}:${p.col} ${p.message}` : 'it does not parse'})` };
  }
  const syn = readSyntax(text);
  const c = compileStatements(syn.stmts);
  const assigns: Assign[] = [];
  const walk = (list: Stmt[]) => {
    for (const s of list) {
      if (s.k === 'assign') assigns.push(s);
      else if ((s.k === 'group' || s.k === 'layer') && s.body) walk(s.body);
    }
  };
  walk(syn.stmts);
  const shown: Record<string, OptionValue> = {};
  for (const o of gf.spec.options ?? []) shown[o.name] = Object.hasOwn(options, o.name) ? (options[o.name] as OptionValue) : o.default;
  return { text, tree: parser.parse(text), spec: gf.spec, spans: c.spans, assigns, stmts: syn.stmts, options: shown };
}

/** The expression node spanning exactly [from, to) (parentheses are not part of an expression's span). */
export function exprAt(tree: Tree, from: number, to: number): SyntaxNode | null {
  for (let n: SyntaxNode | null = tree.resolveInner(from, 1); n; n = n.parent) {
    if (n.from < from || n.to > to) return null;
    if (n.from === from && n.to === to && isExprNode(n)) return n;
  }
  return null;
}

/** Where a node is written: its statement, and the expression that makes it (for a leaf, its value). */
export interface Site {
  assign: Assign;
  /** The node is the statement's own (`z` of `z = …`), not one of its intermediates. */
  top: boolean;
  expr: SyntaxNode | null;
}

export function siteOf(ix: GfIndex, id: string): Site | null {
  const top = ix.assigns.find((a) => a.id === id);
  if (top) return { assign: top, top: true, expr: top.rhs.k === 'switch' ? null : exprAt(ix.tree, top.rhs.from, top.rhs.to) };
  const span = ix.spans.get(id);
  if (!span) return null;
  const assign = ix.assigns.find((a) => a.from <= span.from && span.to <= a.to);
  return assign ? { assign, top: false, expr: exprAt(ix.tree, span.from, span.to) } : null;
}

/** The line(s) of a statement, newline included, when nothing else is on them; else the statement alone. */
export function stmtLines(text: string, s: Span): Span {
  const start = text.lastIndexOf('\n', s.from - 1) + 1;
  let end = text.indexOf('\n', s.to);
  if (end < 0) end = text.length;
  const rest = text.slice(s.to, end).trim();
  if (text.slice(start, s.from).trim() === '' && (rest === '' || rest.startsWith('#')))
    return { from: start, to: Math.min(end + 1, text.length) };
  return s;
}

/** Inserts a line after a statement's line, with its indentation. */
export function lineAfter(text: string, s: Span, line: string): Splice {
  const start = text.lastIndexOf('\n', s.from - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(start, s.from))?.[0] ?? '';
  const end = text.indexOf('\n', s.to);
  if (end < 0) return { from: text.length, to: text.length, insert: `\n${indent}${line}\n` };
  return { from: end + 1, to: end + 1, insert: `${indent}${line}\n` };
}

/** Inserts a line before a statement's line, with its indentation. */
export function lineBefore(text: string, s: Span, line: string): Splice & { prefix: number } {
  const start = text.lastIndexOf('\n', s.from - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(start, s.from))?.[0] ?? '';
  return { from: start, to: start, insert: `${indent}${line}\n`, prefix: indent.length };
}

const byFrom = (a: TextChange, b: TextChange) => a.from - b.from || a.to - b.to;

export function applySplices(text: string, splices: readonly TextChange[]): string {
  const sorted = [...splices].sort(byFrom);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    out += text.slice(at, s.from) + s.insert;
    at = s.to;
  }
  return out + text.slice(at);
}

/** Overlapping splices are a bug of the edit that made them. */
function checkDisjoint(splices: readonly TextChange[]): void {
  const sorted = [...splices].sort(byFrom);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1] as TextChange, sorted[i] as TextChange];
    if (b.from < a.to || (b.from === a.to && a.from === a.to && b.from === b.to)) throw new Error('overlapping text edits');
  }
}

/**
 * Where an old span is after the splices, or null when it was rewritten. A span's start stays
 * before a replacement that starts there and moves past an insertion there; its end moves with
 * a replacement that ends there and stays before an insertion there.
 */
export function mapSpan(splices: readonly Splice[], from: number, to: number): Span | null {
  const sorted = [...splices].sort(byFrom);
  let delta = 0;
  const starts: number[] = [];
  for (const s of sorted) {
    starts.push(s.from + delta);
    delta += s.insert.length - (s.to - s.from);
  }
  for (const [i, s] of sorted.entries()) {
    const c = s.copy;
    if (c && c.from <= from && to <= c.to) {
      const base = (starts[i] as number) + c.at - c.from;
      return { from: base + from, to: base + to };
    }
  }
  const map = (p: number, side: 1 | -1): number | null => {
    let d = 0;
    for (const s of sorted) {
      const len = s.insert.length;
      if (s.from === s.to) {
        if (s.from < p || (s.from === p && side > 0)) d += len;
        continue;
      }
      if (s.to <= p) d += len - (s.to - s.from);
      else if (s.from < p) return null;
    }
    return p + d;
  };
  const f = map(from, 1);
  const t = map(to, -1);
  return f === null || t === null || t < f ? null : { from: f, to: t };
}

/** Where splice `x` (one of `sorted`, by identity) starts in the new text. */
function newStart(sorted: readonly TextChange[], x: TextChange): number {
  let d = 0;
  for (const s of sorted) {
    if (s === x) break;
    d += s.insert.length - (s.to - s.from);
  }
  return x.from + d;
}

/** How a finished edit names its focus: an old id, a new id, or a span of the new text (inside splice `splice`). */
export type Focus = { old: string } | { id: string } | { splice: Splice; from: number; to: number };

export interface Repoint {
  /** old id → what to write instead */
  map: ReadonlyMap<string, string>;
  /** which names follow: all of them (a rename), or only the ones expressions read (a node deleted, a residual) */
  kinds: 'all' | 'expr';
}

/**
 * Applies an edit's splices, finds every node of the old text again in the new one (by where
 * its expression now is), and rewrites the names outside the splices that read a node whose id
 * changed — plus the names `repoint` asks for. Returns the new text, its parse and all changes.
 */
export function finish(ix: GfIndex, splices: Splice[], focus?: Focus, repoint?: Repoint): GfEdit {
  checkDisjoint(splices);
  const mid = applySplices(ix.text, splices);
  const syn = readSyntax(mid);
  const renamed = new Map<string, string>();
  if (!syn.problems.length) {
    const c = compileStatements(syn.stmts);
    const bySpan = new Map<string, string>();
    for (const [id, s] of c.spans) bySpan.set(`${s.from}:${s.to}`, id);
    for (const [id, s] of ix.spans) {
      const m = mapSpan(splices, s.from, s.to);
      const now = m && bySpan.get(`${m.from}:${m.to}`);
      if (now && now !== id) renamed.set(id, now);
    }
  }
  const explicit = repoint?.map ?? new Map<string, string>();
  const inside = (t: Span) => splices.some((s) => t.from < s.to && s.from < t.to);
  const refs: Splice[] = [];
  for (const t of refTokens(ix.tree, ix.text)) {
    if (inside(t)) continue;
    const byEdit = explicit.get(t.id);
    const to =
      byEdit !== undefined && (repoint?.kinds === 'all' || t.kind === 'expr') ? byEdit : t.kind === 'lhs' ? undefined : renamed.get(t.id);
    if (to === undefined || to === t.id) continue;
    const name = identText(to);
    refs.push({ from: t.from, to: t.to, insert: t.bareObjective ? `${ix.text.slice(t.from, t.to)} = ${name}` : name });
  }
  if (repoint?.kinds === 'all') for (const [a, b] of explicit) renamed.set(a, b);
  const all = [...splices, ...refs].sort(byFrom);
  const text = refs.length ? applySplices(ix.text, all) : mid;
  const parse = parseGf(text);
  let focusId: string | undefined;
  if (focus && 'old' in focus) focusId = renamed.get(focus.old) ?? focus.old;
  else if (focus && 'id' in focus) focusId = focus.id;
  else if (focus) {
    const start = newStart(all, focus.splice);
    const syn2 = readSyntax(text);
    const c2 = syn2.problems.length ? null : compileStatements(syn2.stmts);
    for (const [id, s] of c2?.spans ?? []) if (s.from === start + focus.from && s.to === start + focus.to) focusId = id;
  }
  return {
    ok: true,
    text,
    changes: all.map(({ from, to, insert }) => ({ from, to, insert })),
    parse,
    ...(focusId !== undefined ? { focus: focusId } : {}),
    renamed,
  };
}
