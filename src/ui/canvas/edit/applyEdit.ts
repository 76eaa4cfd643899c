import type { Problem } from '../../../core/errors';
import { editGf, type GfEditOp } from '../../../lang/editOps';
import { bridgeOf, rememberText } from '../../editor/bridge';
import type { ExplorerStore } from '../../store';

const refuse = (store: ExplorerStore, problems: Problem[]) => store.setState({ problems, problemSource: 'edit', playing: false });

/**
 * One canvas edit, text first: the edit is made on the editor's text (src/lang/editOps.ts),
 * changing only the expression or line it concerns, so the learner's formatting and comments
 * stay. The edited text is parsed and THAT spec is run, so what runs is exactly what the text
 * says. Only when the engine accepts it are the changes written into the editor, as one step of
 * the undo history; a refused edit leaves the text and canvas as they were and shows the located
 * problem. An input edge removed is the exception: it is written even when the op is then short
 * of an input — the editor runs it like typed text, marks the problem on the line, and the last
 * good graph stays. Resolves true when the text was changed.
 */
export async function applyEdit(store: ExplorerStore, op: GfEditOp): Promise<boolean> {
  const bridge = bridgeOf(store);
  if (!bridge) return false;
  const before = bridge.text();
  // a node that switches on an option is edited in the case the canvas shows
  const out = editGf(before, op, store.getState().run?.options ?? {});
  if (!out.ok) {
    refuse(store, [out.problem]);
    return false;
  }
  const selected = store.getState().selected;
  const focus = out.focus ?? (selected !== null ? (out.renamed.get(selected) ?? selected) : undefined);
  if (op.k === 'dropInput') {
    bridge.writeEdit(out.changes, false);
    if (focus !== undefined) store.getState().select(focus);
    return true;
  }
  const spec = out.parse.spec;
  if (!spec) {
    refuse(
      store,
      out.parse.problems.map(({ node, field, message }) => ({ ...(node !== undefined ? { node } : {}), field, message })),
    );
    return false;
  }
  rememberText(spec, out.text);
  if (!(await store.getState().runEdited(spec, 'edit'))) return false;
  // Typed meanwhile: the learner's text wins, and its own run follows.
  if (bridge.text() !== before) return false;
  bridge.writeEdit(out.changes, true);
  if (focus !== undefined && store.getState().run?.graph.nodes.some((n) => n.id === focus)) store.getState().select(focus);
  return true;
}
