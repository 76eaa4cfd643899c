import { type Assign, finish, type GfEdit, type GfIndex, refuse, siteOf, stmtLines } from './edit';
import { identOf } from './editRefs';
import { isEdit, nodeOf, opSite } from './editSite';
import { firstInputs } from './editSwitch';
import { operandText, src, unparen, withParens } from './editSyntax';

/** The canvas's delete as an edit of the .gf text. */

/**
 * Removes a node; what read it reads its first input instead (deleting `a = relu(z)` leaves the
 * readers of `a` reading `z`). A line whose first operand is itself an expression keeps its name
 * for it (`a = relu(W @ x)` → `a = W @ x`); an intermediate is replaced by its first operand. A
 * leaf's readers are left reading a name that is gone (the language names them). Refused: a
 * node that is an objective or that a check reads; a switch whose cases read different first inputs.
 */
export function deleteNode(ix: GfIndex, id: string): GfEdit {
  const node = nodeOf(ix, id);
  const site = siteOf(ix, id);
  if (!node || !site) return refuse(id, 'id', `no node "${id}"`);
  const objective = ix.spec.objectives.find((o) => o.node === id);
  if (objective) return refuse(id, 'objective', `objective "${objective.name}" is this node: point it at another node first`);
  if (ix.spec.checks?.some((c) => c.node === id)) return refuse(id, 'checks', `a check reads "${id}": remove that check first`);
  if (node.by && node.op !== 'leaf' && site.assign.rhs.k === 'switch')
    return deleteSwitch(ix, id, site.assign, firstInputs(node, site.assign.rhs));
  if (node.op === 'leaf') {
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
    return finish(ix, [{ from: s.expr.from, to: s.expr.to, insert: src(ix.text, u) }], { id }, promoted);
  }
  const place = withParens(s.expr);
  return finish(ix, [{ from: place.from, to: place.to, insert: operandText(ix.text, first, place) }]);
}

/**
 * A node that switches on an option goes with all its cases (its line goes): its readers read
 * the first input every case reads. When the cases read different first inputs there is no one
 * node for them to read, so it is refused, naming the cases.
 */
function deleteSwitch(ix: GfIndex, id: string, assign: Assign, firsts: ReadonlyMap<string, string | undefined>): GfEdit {
  const line = { ...stmtLines(ix.text, assign), insert: '' };
  const distinct = new Set(firsts.values());
  if (distinct.size > 1) {
    const read = [...firsts].map(([key, first]) => `${first ?? 'nothing'} (case ${key})`).join(', ');
    return refuse(
      id,
      'by.cases',
      `the cases of "${id}" read ${read}: its readers would read a different node by option; edit its cases in the text`,
    );
  }
  const [first] = distinct;
  return finish(ix, [line], undefined, first === undefined ? undefined : { map: new Map([[id, first]]), kinds: 'expr' });
}
