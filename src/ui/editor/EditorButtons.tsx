import { useExplorer, useExplorerStore } from '../store/context';
import { textOf } from './bridge';
import { loadDraft } from './draft';
import { editableSpec } from './editableSpec';
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
  const hasRun = useExplorer((s) => s.run !== null);
  return (
    <>
      <button type="button" onClick={() => openWith(store, loadDraft() ?? NEW_GRAPH)}>
        New graph (text)…
      </button>
      <button
        type="button"
        disabled={!hasRun}
        onClick={async () => {
          const e = editableSpec(store.getState());
          if (!e) return;
          // Text the graph was run from comes back as written; else the printer (loaded on demand).
          const written = textOf(e.spec);
          const text = written ?? (await import('../../lang')).printGf(e.spec);
          openWith(store, text, e.copyOf);
        }}
      >
        Edit this graph as text…
      </button>
    </>
  );
}
