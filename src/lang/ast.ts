/** The syntax of a .gf file as plain data (positions are character offsets into the text). */

export interface Span {
  from: number;
  to: number;
}

export type BinOp = '+' | '-' | '*' | '/' | '@' | '·' | '^';

/** A keyword argument's value: an expression, or a string/boolean/null literal. */
export type KwValue = Expr | ({ k: 'str'; v: string } & Span) | ({ k: 'bool'; v: boolean } & Span) | ({ k: 'null' } & Span);

export type Expr =
  | ({ k: 'num'; v: number } & Span)
  | ({ k: 'name'; id: string } & Span)
  | ({ k: 'call'; fn: string; fnSpan: Span; args: Expr[]; kwargs: ({ key: string; value: KwValue } & Span)[] } & Span)
  | ({ k: 'array'; items: Expr[] } & Span)
  | ({ k: 'neg'; x: Expr } & Span)
  | ({ k: 'bin'; op: BinOp; l: Expr; r: Expr } & Span);

export type OptionLit = string | number | boolean;

export interface Annotation extends Span {
  key: string;
  value: string | number;
}

export interface Case extends Span {
  /** undefined = `else`. */
  key?: OptionLit;
  expr: Expr;
}

export interface SwitchExpr extends Span {
  k: 'switch';
  option: string;
  optionSpan: Span;
  cases: Case[];
}

/** A value in a track's stop: `"text"`, `2`, `true`, `a3`, `backward(a3)`, `[z1, edge(x, z1)]`, `{ act: relu }`. */
export type StopRefValue = { k: 'ref'; fn: string; args: string[] } & Span;
export type StopValue =
  | ({ k: 'str'; v: string } & Span)
  | ({ k: 'num'; v: number } & Span)
  | ({ k: 'bool'; v: boolean } & Span)
  | ({ k: 'name'; id: string } & Span)
  | StopRefValue
  | ({ k: 'list'; items: (({ k: 'name'; id: string } & Span) | StopRefValue)[] } & Span)
  | ({ k: 'set'; pairs: ({ key: string; value: OptionLit } & Span)[] } & Span);

export interface StopField extends Span {
  key: string;
  value: StopValue;
}

export interface StopStmt extends Span {
  title?: string;
  fields: StopField[];
}

export type Stmt =
  | ({ k: 'graph'; title?: string; annotations: Annotation[] } & Span)
  | ({ k: 'note'; text: string } & Span)
  | ({ k: 'option'; name: string; values: OptionLit[]; default?: OptionLit; annotations: Annotation[] } & Span)
  | ({ k: 'checkpoint'; n: number } & Span)
  | ({ k: 'group'; id: string; label?: string; kind?: string; body?: Stmt[] } & Span)
  | ({ k: 'layer'; n: number; body: Stmt[] } & Span)
  | ({ k: 'objective'; name: string; node?: string; nodeSpan?: Span; annotations: Annotation[] } & Span)
  | ({ k: 'check'; name?: string; measure: Expr; cmp: string; expected: Expr; within?: Expr } & Span)
  | ({ k: 'track'; title?: string; stops: StopStmt[] } & Span)
  | ({ k: 'assign'; role?: string; id: string; idSpan: Span; rhs: Expr | SwitchExpr; annotations: Annotation[] } & Span);
