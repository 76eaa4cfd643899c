import type { GraphSpec } from '../../core/types';
import { useExplorer, useExplorerStore } from '../store/context';
import { loadDraft } from './draft';
import { openWith } from './paneState';

/** What "New graph" starts from when there is no draft. */
export const NEW_GRAPH = `graph "my graph"

input x = 3
y = x * x
objective y
`;

/** "New graph" (the draft, or a starter) and "Edit this graph" (the graph on screen printed as .gf). */
export function EditorButtons() {
  const store = useExplorerStore();
  const spec = useExplorer((s) => (s.source?.kind === 'spec' ? s.source.spec : null));
  // The printer loads on demand: the .gf compiler is not part of the app shell.
  const printed = async (): Promise<string | null> => {
    if (!spec) return null;
    try {
      const { printGf } = await import('../../lang');
      return printGf(spec as GraphSpec);
    } catch {
      return null;
    }
  };
  return (
    <>
      <button type="button" onClick={() => openWith(store, loadDraft() ?? NEW_GRAPH)}>
        New graph (text)…
      </button>
      <button
        type="button"
        disabled={spec === null}
        title={spec === null ? 'Bundled exercises are not graph files; open or paste one to edit it' : undefined}
        onClick={async () => {
          const text = await printed();
          if (text !== null) openWith(store, text);
        }}
      >
        Edit this graph as text…
      </button>
    </>
  );
}
