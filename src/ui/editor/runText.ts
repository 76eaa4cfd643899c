import { loadGraphSource } from '../../lang';
import type { ExplorerStore } from '../store';
import { rememberText } from './bridge';

/**
 * Runs the editor's text: parse problems stay in the editor (the last good graph stays on the
 * canvas); a text that parses but fails the schema or the engine shows in the error panel too,
 * naming node and field (and the editor marks that node's line).
 */
export async function runText(store: ExplorerStore, text: string): Promise<boolean> {
  const src = loadGraphSource(text, 'draft.gf');
  if (!src.ok) {
    if (src.gf?.spec) store.setState({ problems: src.problems, problemSource: 'graph', playing: false });
    return false;
  }
  rememberText(src.spec, text);
  return store.getState().runEdited(src.spec, 'graph');
}
