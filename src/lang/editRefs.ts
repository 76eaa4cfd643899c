import type { SyntaxNode, Tree } from '@lezer/common';

/**
 * Where a .gf text names a node: every `Ident` token that reads a node id, with the kind of
 * place it is in. Call names, attribute values (`mode=mean`), option names and values, group
 * ids and a stop's `at: start|end` are not node names and are not listed.
 */
export type RefKind = 'lhs' | 'expr' | 'objective' | 'check' | 'track';

export interface RefToken {
  from: number;
  to: number;
  id: string;
  kind: RefKind;
  /** `objective loss` names its node only by its own name: a rename writes `objective loss = L`. */
  bareObjective?: boolean;
}

/** The id an `Ident` token spells (a quoted `` `ex-1` `` without its backticks). */
export const identOf = (text: string, n: SyntaxNode): string => {
  const t = text.slice(n.from, n.to);
  return t.startsWith('`') ? t.slice(1, -1) : t;
};

const EXPR_PARENTS = new Set(['Arg', 'BinaryExpression', 'UnaryExpression', 'ParenExpression', 'ArrayLiteral', 'Case', 'CheckStmt']);

/** The statement an Ident is in decides its kind. */
function kindOf(n: SyntaxNode): RefKind | null {
  for (let p: SyntaxNode | null = n.parent; p; p = p.parent) {
    if (p.name === 'Assign') return 'expr';
    if (p.name === 'CheckStmt') return 'check';
    if (p.name === 'TrackDecl') return 'track';
  }
  return null;
}

export function refTokens(tree: Tree, text: string): RefToken[] {
  const out: RefToken[] = [];
  tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'Ident') return;
      const n = ref.node;
      const p = n.parent;
      if (!p) return;
      const tok = { from: n.from, to: n.to, id: identOf(text, n) };
      if (p.name === 'Assign') {
        // the first Ident of an assignment is its name; a second would be a bare right-hand side
        out.push({ ...tok, kind: p.getChild('Ident')?.from === n.from ? 'lhs' : 'expr' });
        return;
      }
      if (p.name === 'ObjectiveStmt') {
        const ids = p.getChildren('Ident');
        if (ids.length === 1) out.push({ ...tok, kind: 'objective', bareObjective: true });
        else if (ids[1]?.from === n.from) out.push({ ...tok, kind: 'objective' });
        return;
      }
      if (p.name === 'StopRef') {
        out.push({ ...tok, kind: 'track' });
        return;
      }
      if (p.name === 'StopItem') {
        out.push({ ...tok, kind: 'track' });
        return;
      }
      if (p.name === 'StopValue') {
        // `at: start` / `at: end` name a phase, `frame: a3` / `anchor: a3` a node
        const key = p.parent?.firstChild;
        if (key && text.slice(key.from, key.to) !== 'at') out.push({ ...tok, kind: 'track' });
        return;
      }
      if (!EXPR_PARENTS.has(p.name)) return;
      const kind = kindOf(n);
      if (kind) out.push({ ...tok, kind });
    },
  });
  return out;
}
