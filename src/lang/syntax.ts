import type { SyntaxNode, Tree } from '@lezer/common';
import type { Annotation, BinOp, Case, Expr, KwValue, OptionLit, Span, Stmt, StopRefValue, StopStmt, StopValue, SwitchExpr } from './ast';
import { parser } from './gf.parser';

/** A problem at a place in the text (offsets; line/column are added by locate()). */
export interface RawProblem extends Span {
  message: string;
  node?: string;
  field?: string;
}

const WHAT: Record<string, string> = {
  Annotations: 'an annotation block { key: value, … }',
  ArgList: 'the arguments of a call',
  ArrayLiteral: 'an array literal',
  CheckStmt: 'a check',
  OptionDecl: 'an option',
  Switch: 'a switch { value => expression, … }',
  GroupStmt: 'a group',
  LayerStmt: 'a layer block',
  ObjectiveStmt: 'an objective',
  GraphDecl: 'the graph line',
  Assign: 'an assignment',
  TrackDecl: 'a track',
  StopDecl: 'a stop { at: …, callout: "…", … }',
};

/** Where Lezer had to recover: one problem per line, naming what was found and where it was. */
function syntaxProblems(tree: Tree, text: string): RawProblem[] {
  const out: RawProblem[] = [];
  const lines = new Set<number>();
  tree.iterate({
    enter: (ref) => {
      if (!ref.type.isError) return;
      const at = ref.from;
      const line = text.slice(0, at).split('\n').length;
      if (lines.has(line)) return;
      lines.add(line);
      let ctx = ref.node.parent;
      while (ctx && !WHAT[ctx.name]) ctx = ctx.parent;
      const where = ctx ? ` in ${WHAT[ctx.name]}` : '';
      const rest = text.slice(at).match(/^\s*(\S{1,20})/);
      const found = ref.to > ref.from ? text.slice(ref.from, Math.min(ref.to, ref.from + 20)) : rest?.[1];
      const message = found === undefined ? `unexpected end of file${where}` : `unexpected "${found}"${where}`;
      out.push({ from: at, to: Math.max(ref.to, at + (found?.length ?? 0)), message });
    },
  });
  return out;
}

const kids = (n: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
};
const kid = (n: SyntaxNode, name: string): SyntaxNode | null => n.getChild(name);

/** Reads the tree into statements. Only called on an error-free tree. */
class Reader {
  constructor(private readonly text: string) {}
  span = (n: SyntaxNode): Span => ({ from: n.from, to: n.to });
  src = (n: SyntaxNode): string => this.text.slice(n.from, n.to);

  str(n: SyntaxNode): string {
    return JSON.parse(this.src(n)) as string;
  }
  ident(n: SyntaxNode): string {
    const t = this.src(n);
    return t.startsWith('`') ? t.slice(1, -1) : t;
  }
  number(n: SyntaxNode): number {
    const v = Number(this.src(n).replace(/\s+/g, ''));
    return v;
  }
  optionLit(n: SyntaxNode): OptionLit {
    const c = n.firstChild as SyntaxNode;
    if (c.name === 'Ident') return this.ident(c);
    if (c.name === 'String') return this.str(c);
    if (c.name === 'Boolean') return this.src(c) === 'true';
    return this.number(c);
  }
  annotations(n: SyntaxNode | null): Annotation[] {
    if (!n) return [];
    return n.getChildren('Annotation').map((a) => {
      const [key, value] = [a.firstChild as SyntaxNode, a.lastChild as SyntaxNode];
      const v = value.name === 'String' ? this.str(value) : value.name === 'Ident' ? this.ident(value) : this.number(value);
      return { key: this.src(key), value: v, ...this.span(a) };
    });
  }

  expr(n: SyntaxNode): Expr {
    const s = this.span(n);
    switch (n.name) {
      case 'Number':
        return { k: 'num', v: this.number(n), ...s };
      case 'Ident':
        return { k: 'name', id: this.ident(n), ...s };
      case 'ParenExpression':
        return this.expr(kids(n)[1] as SyntaxNode);
      case 'ArrayLiteral':
        return {
          k: 'array',
          items: kids(n)
            .filter(isExpr)
            .map((c) => this.expr(c)),
          ...s,
        };
      case 'UnaryExpression':
        return { k: 'neg', x: this.expr(n.lastChild as SyntaxNode), ...s };
      case 'BinaryExpression': {
        const [l, op, r] = kids(n) as [SyntaxNode, SyntaxNode, SyntaxNode];
        return { k: 'bin', op: this.src(op) as BinOp, l: this.expr(l), r: this.expr(r), ...s };
      }
      case 'Call': {
        const fn = n.firstChild as SyntaxNode;
        const args: Expr[] = [];
        const kwargs: ({ key: string; value: KwValue } & Span)[] = [];
        for (const a of kid(n, 'ArgList')?.getChildren('Arg') ?? []) {
          const c = a.firstChild as SyntaxNode;
          if (c.name !== 'KeywordArg') {
            args.push(this.expr(c));
            continue;
          }
          const key = c.firstChild as SyntaxNode;
          const v = c.lastChild as SyntaxNode;
          const vs = this.span(v);
          const value: KwValue =
            v.name === 'String'
              ? { k: 'str', v: this.str(v), ...vs }
              : v.name === 'Boolean'
                ? { k: 'bool', v: this.src(v) === 'true', ...vs }
                : v.name === 'Null'
                  ? { k: 'null', ...vs }
                  : this.expr(v);
          kwargs.push({ key: this.src(key), value, ...this.span(c) });
        }
        return { k: 'call', fn: this.ident(fn), fnSpan: this.span(fn), args, kwargs, ...s };
      }
    }
    throw new Error(`unexpected syntax node ${n.name}`);
  }

  switchExpr(n: SyntaxNode): SwitchExpr {
    const opt = kid(n, 'Ident') as SyntaxNode;
    const cases: Case[] = n.getChildren('Case').map((c) => {
      const first = c.firstChild as SyntaxNode;
      const key = first.name === 'OptionValue' ? this.optionLit(first) : undefined;
      return { key, expr: this.expr(c.lastChild as SyntaxNode), ...this.span(c) };
    });
    return { k: 'switch', option: this.ident(opt), optionSpan: this.span(opt), cases, ...this.span(n) };
  }

  stopRef(n: SyntaxNode): StopRefValue {
    return {
      k: 'ref',
      fn: this.src(n.firstChild as SyntaxNode),
      args: n.getChildren('Ident').map((i) => this.ident(i)),
      ...this.span(n),
    };
  }

  stopValue(v: SyntaxNode): StopValue {
    const c = v.firstChild as SyntaxNode;
    const s = this.span(c);
    switch (c.name) {
      case 'String':
        return { k: 'str', v: this.str(c), ...s };
      case 'SignedNumber':
        return { k: 'num', v: this.number(c), ...s };
      case 'Boolean':
        return { k: 'bool', v: this.src(c) === 'true', ...s };
      case 'Ident':
        return { k: 'name', id: this.ident(c), ...s };
      case 'StopRef':
        return this.stopRef(c);
      case 'StopList':
        return {
          k: 'list',
          items: c.getChildren('StopItem').map((it) => {
            const x = it.firstChild as SyntaxNode;
            return x.name === 'StopRef' ? this.stopRef(x) : { k: 'name' as const, id: this.ident(x), ...this.span(x) };
          }),
          ...s,
        };
      case 'OptionSet':
        return {
          k: 'set',
          pairs: c.getChildren('OptionPair').map((p) => ({
            key: this.ident(p.firstChild as SyntaxNode),
            value: this.optionLit(kid(p, 'OptionValue') as SyntaxNode),
            ...this.span(p),
          })),
          ...s,
        };
    }
    throw new Error(`unexpected stop value ${c.name}`);
  }

  stop(n: SyntaxNode): StopStmt {
    const t = kid(n, 'String');
    return {
      ...(t ? { title: this.str(t) } : {}),
      fields: n.getChildren('StopField').map((f) => ({
        key: this.src(f.firstChild as SyntaxNode),
        value: this.stopValue(kid(f, 'StopValue') as SyntaxNode),
        ...this.span(f),
      })),
      ...this.span(n),
    };
  }

  stmts(parent: SyntaxNode): Stmt[] {
    return kids(parent)
      .filter((c) => c.name !== 'LineComment' && c.name !== '{' && c.name !== '}')
      .map((c) => this.stmt(c));
  }

  stmt(n: SyntaxNode): Stmt {
    const s = this.span(n);
    const c = kids(n);
    switch (n.name) {
      case 'GraphDecl': {
        const t = kid(n, 'String');
        return { k: 'graph', ...(t ? { title: this.str(t) } : {}), annotations: this.annotations(kid(n, 'Annotations')), ...s };
      }
      case 'NoteStmt':
        return { k: 'note', text: this.str(kid(n, 'String') as SyntaxNode), ...s };
      case 'OptionDecl': {
        const values: OptionLit[] = [];
        let dflt: OptionLit | undefined;
        let afterDefault = false;
        for (const x of c) {
          if (x.name === 'default') afterDefault = true;
          if (x.name !== 'OptionValue') continue;
          if (afterDefault) dflt = this.optionLit(x);
          else values.push(this.optionLit(x));
        }
        const name = this.ident(kid(n, 'Ident') as SyntaxNode);
        return {
          k: 'option',
          name,
          values,
          ...(dflt !== undefined ? { default: dflt } : {}),
          annotations: this.annotations(kid(n, 'Annotations')),
          ...s,
        };
      }
      case 'CheckpointStmt':
        return { k: 'checkpoint', n: this.number(kid(n, 'Number') as SyntaxNode), ...s };
      case 'GroupStmt': {
        const ids = n.getChildren('Ident');
        const label = kid(n, 'String');
        const block = kid(n, 'Block');
        return {
          k: 'group',
          id: this.ident(ids[0] as SyntaxNode),
          ...(label ? { label: this.str(label) } : {}),
          ...(ids[1] ? { kind: this.ident(ids[1]) } : {}),
          ...(block ? { body: this.stmts(block) } : {}),
          ...s,
        };
      }
      case 'LayerStmt':
        return { k: 'layer', n: this.number(kid(n, 'Number') as SyntaxNode), body: this.stmts(kid(n, 'Block') as SyntaxNode), ...s };
      case 'ObjectiveStmt': {
        const ids = n.getChildren('Ident');
        const node = ids[1];
        return {
          k: 'objective',
          name: this.ident(ids[0] as SyntaxNode),
          ...(node ? { node: this.ident(node), nodeSpan: this.span(node) } : {}),
          annotations: this.annotations(kid(n, 'Annotations')),
          ...s,
        };
      }
      case 'CheckStmt': {
        const exprs = c.filter(isExpr);
        const name = kid(n, 'String');
        return {
          k: 'check',
          ...(name ? { name: this.str(name) } : {}),
          measure: this.expr(exprs[0] as SyntaxNode),
          cmp: this.src(kid(n, 'CompareOp') as SyntaxNode),
          expected: this.expr(exprs[1] as SyntaxNode),
          ...(exprs[2] ? { within: this.expr(exprs[2]) } : {}),
          ...s,
        };
      }
      case 'TrackDecl': {
        const t = kid(n, 'String');
        return { k: 'track', ...(t ? { title: this.str(t) } : {}), stops: n.getChildren('StopDecl').map((x) => this.stop(x)), ...s };
      }
      case 'Assign': {
        const role = kid(n, 'Role');
        const id = kid(n, 'Ident') as SyntaxNode;
        const sw = kid(n, 'Switch');
        const eq = c.findIndex((x) => x.name === '=');
        const rhs = sw ? this.switchExpr(sw) : this.expr(c.slice(eq + 1).filter(isExpr)[0] as SyntaxNode);
        return {
          k: 'assign',
          ...(role ? { role: this.src(role) } : {}),
          id: this.ident(id),
          idSpan: this.span(id),
          rhs,
          annotations: this.annotations(kid(n, 'Annotations')),
          ...s,
        };
      }
    }
    throw new Error(`unexpected statement ${n.name}`);
  }
}

const EXPR_NODES = new Set(['Number', 'Ident', 'Call', 'ParenExpression', 'ArrayLiteral', 'UnaryExpression', 'BinaryExpression']);
const isExpr = (n: SyntaxNode): boolean => EXPR_NODES.has(n.name);

export interface Comment extends Span {
  text: string;
}

/** Text → statements and comments, or the syntax problems (positions where the parser had to recover). */
export function readSyntax(text: string): { stmts: Stmt[]; comments: Comment[]; problems: RawProblem[] } {
  const tree = parser.parse(text);
  const problems = syntaxProblems(tree, text);
  if (problems.length) return { stmts: [], comments: [], problems };
  const comments: Comment[] = [];
  tree.iterate({
    enter: (ref) => {
      if (ref.name === 'LineComment') comments.push({ from: ref.from, to: ref.to, text: text.slice(ref.from, ref.to).trimEnd() });
    },
  });
  return { stmts: new Reader(text).stmts(tree.topNode), comments, problems: [] };
}
