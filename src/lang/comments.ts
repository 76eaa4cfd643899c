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
  const counts = { check: 0, note: 0, track: 0 };
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
                ? s.body && s.label === undefined && s.kind === undefined
                  ? `block:${s.id}`
                  : `group:${s.id}`
                : s.k === 'check'
                  ? `check:${counts.check++}`
                  : s.k === 'note'
                    ? `note:${counts.note++}`
                    : s.k;
      // a block's own line ends at its `{`: what follows belongs to the statements inside
      const to = (s.k === 'group' || s.k === 'layer') && s.body?.length ? (s.body[0] as Stmt).from : s.to;
      if (s.k === 'track') {
        const t = counts.track++;
        out.push({ key: `track:${t}`, from: s.from, to: s.stops[0]?.from ?? s.to });
        s.stops.forEach((st, j) => {
          out.push({ key: `stop:${t}:${j}`, from: st.from, to: st.to });
        });
        continue;
      }
      if (s.k !== 'layer') out.push({ key, from: s.from, to });
      if ((s.k === 'group' || s.k === 'layer') && s.body) walk(s.body);
    }
  };
  walk(stmts);
  return out.sort((a, b) => a.from - b.from);
}

/**
 * Each comment goes with the statement whose line it ends, else with the next statement (or
 * `end`); a blank line before a statement or comment is kept as an empty lead line.
 */
export function attachComments(stmts: Stmt[], comments: Comment[], text: string): Map<string, Attached> {
  const keys = statementKeys(stmts);
  const out = new Map<string, Attached>();
  const get = (k: string) => out.get(k) ?? (out.set(k, { lead: [] }).get(k) as Attached);
  const items = [
    ...keys.map((k) => ({ ...k, comment: undefined as string | undefined })),
    ...comments.map((c) => ({ key: '', from: c.from, to: c.to, comment: c.text })),
  ].sort((a, b) => a.from - b.from);
  let pending: string[] = [];
  let prev: { key: string; to: number; comment?: string } | undefined;
  for (const it of items) {
    const gap = text.slice(prev?.to ?? 0, it.from);
    if (it.comment !== undefined && prev && prev.comment === undefined && !gap.includes('\n') && get(prev.key).trail === undefined) {
      get(prev.key).trail = it.comment;
      prev = { ...prev, to: it.to };
      continue;
    }
    if (prev && /\n[ \t]*\r?\n/.test(gap)) pending.push('');
    if (it.comment !== undefined) pending.push(it.comment);
    else {
      if (pending.length) get(it.key).lead.push(...pending);
      pending = [];
    }
    prev = it;
  }
  if (pending.length) get('end').lead.push(...pending);
  return out;
}
