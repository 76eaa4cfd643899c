import { finish, type GfEdit, type GfIndex, lineBefore, refuse, type Splice, siteOf } from './edit';
import { nodeOf } from './editSite';
import { src, withParens } from './editSyntax';
import { ident as identText } from './text';

/** The canvas's rename as an edit of the .gf text. */

/** The annotations of a line that its intermediates take too. */
const HELD = new Set(['group', 'layer']);

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
 * moves onto a line of its own above, named `to`, with the group and layer of its old line, and
 * its place reads `to`.
 */
export function rename(ix: GfIndex, from: string, to: string): GfEdit {
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
  // the line's group and layer held the intermediate: its own line keeps them (folding, checkpoint segments)
  const held = site.assign.annotations.filter((a) => HELD.has(a.key)).map((a) => ix.text.slice(a.from, a.to));
  const tail = held.length ? ` { ${held.join(', ')} }` : '';
  const line = lineBefore(ix.text, site.assign, `${head}${src(ix.text, e)}${tail}`);
  const moved: Splice = { ...line, copy: { at: line.prefix + head.length, from: e.from, to: e.to } };
  const place = withParens(e);
  return finish(ix, [moved, { from: place.from, to: place.to, insert: identText(to) }], { id: to }, explicit);
}
