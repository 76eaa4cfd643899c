import type { Stmt } from './ast';
import type { Comment } from './syntax';

/** Comments around one printed line: whole lines before it, and one at its end. */
export interface Attached {
  lead: string[];
  trail?: string;
}

/**
 * The key the printer uses for a statement's line: `node:<id>`, `objective:<name>`,
 * `option:<name>`, `group:<id>`, `check:<i>`, `note:<i>`, `graph`, `checkpoint`.
 */
export function statementKeys(stmts: Stmt[]): { key: string; from: number; to: number }[] {
  const out: { key: string; from: number; to: number }[] = [];
  const counts = { check: 0, note: 0 };
  const walk = (list: Stmt[]) => {
    for (const s of list) {
      const key =
        s.k === 'assign'
          ? `node:${s.id}`
          : s.k === 'objective'
            ? `objective:${s.name}`
            : s.k === 'option'
              ? `option:${s.name}`
              : s.k === 'group'
                ? `group:${s.id}`
                : s.k === 'check'
                  ? `check:${counts.check++}`
                  : s.k === 'note'
                    ? `note:${counts.note++}`
                    : s.k;
      if (s.k !== 'layer') out.push({ key, from: s.from, to: s.to });
      if ((s.k === 'group' || s.k === 'layer') && s.body) walk(s.body);
    }
  };
  walk(stmts);
  return out.sort((a, b) => a.from - b.from);
}

/** Each comment goes with the statement it ends the line of, else with the next statement (or `end`). */
export function attachComments(stmts: Stmt[], comments: Comment[], text: string): Map<string, Attached> {
  const keys = statementKeys(stmts);
  const out = new Map<string, Attached>();
  const get = (k: string) => out.get(k) ?? (out.set(k, { lead: [] }).get(k) as Attached);
  for (const c of comments) {
    const before = keys.filter((k) => k.to <= c.from).at(-1);
    if (before && !text.slice(before.to, c.from).includes('\n') && get(before.key).trail === undefined) {
      get(before.key).trail = c.text;
      continue;
    }
    const next = keys.find((k) => k.from >= c.to);
    get(next ? next.key : 'end').lead.push(c.text);
  }
  return out;
}
