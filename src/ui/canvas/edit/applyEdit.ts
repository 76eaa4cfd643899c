import type { Problem } from '../../../core/errors';
import type { GraphSpec } from '../../../core/types';
import { parseGf, printGf } from '../../../lang';
import { bridgeOf, rememberText } from '../../editor/bridge';
import type { ExplorerStore } from '../../store';
import type { Edited } from './specEdits';

const refuse = (store: ExplorerStore, problems: Problem[]) => store.setState({ problems, problemSource: 'edit', playing: false });

/**
 * One canvas edit, text first: the editor's text is parsed, the edit applied to its spec, and the
 * result printed back (the canonical printer, keeping the text's comments and initialiser
 * expressions). The printed text is parsed again and THAT spec is run, so what runs is exactly
 * what the text says. Only when the engine accepts it is the text written into the editor, as
 * one step of the undo history; a refused edit leaves the text and the canvas as they were and
 * shows the engine's located problem. Resolves true when the edit was applied.
 */
export async function applyEdit(store: ExplorerStore, edit: (spec: GraphSpec) => Edited): Promise<boolean> {
  const bridge = bridgeOf(store);
  if (!bridge) return false;
  const before = bridge.text();
  const gf = parseGf(before);
  if (!gf.spec) {
    const p = gf.problems[0];
    refuse(store, [{ field: '(syntax)', message: `fix the text first (${p ? `${p.line}:${p.col} ${p.message}` : 'it does not parse'})` }]);
    return false;
  }
  const out = edit(gf.spec);
  if (!out.ok) {
    refuse(store, [out.problem]);
    return false;
  }
  const renamed = renamedKeys(gf.spec, out.spec);
  const text = printGf(out.spec, { inits: rekey(gf.inits, renamed), comments: rekey(gf.comments, renamed, 'node:') });
  const again = parseGf(text);
  if (!again.spec) {
    refuse(
      store,
      again.problems.map(({ node, field, message }) => ({ ...(node !== undefined ? { node } : {}), field, message })),
    );
    return false;
  }
  rememberText(again.spec, text);
  if (!(await store.getState().runEdited(again.spec, 'edit'))) return false;
  // Typed meanwhile: the learner's text wins, and its own run follows.
  if (bridge.text() !== before) return false;
  bridge.writeEdit(text);
  if (out.focus !== undefined && store.getState().run?.graph.nodes.some((n) => n.id === out.focus)) store.getState().select(out.focus);
  return true;
}

/** Old id → new id when exactly one node changed its id and nothing else was added or removed. */
function renamedKeys(a: GraphSpec, b: GraphSpec): Map<string, string> {
  const out = new Map<string, string>();
  if (a.nodes.length !== b.nodes.length) return out;
  a.nodes.forEach((n, i) => {
    const m = b.nodes[i];
    if (m && m.id !== n.id) out.set(n.id, m.id);
  });
  return out;
}

function rekey<T>(m: ReadonlyMap<string, T>, renamed: ReadonlyMap<string, string>, prefix = ''): Map<string, T> {
  const out = new Map<string, T>();
  for (const [k, v] of m) {
    const id = k.startsWith(prefix) ? k.slice(prefix.length) : undefined;
    const to = id !== undefined ? renamed.get(id) : undefined;
    out.set(to !== undefined ? `${prefix}${to}` : k, v);
  }
  return out;
}
