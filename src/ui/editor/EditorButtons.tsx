import type { GraphSpec } from '../../core/types';
import type { ExplorerState } from '../store';
import { useExplorer, useExplorerStore } from '../store/context';
import { textOf } from './bridge';
import { loadDraft } from './draft';
import { openWith } from './paneState';

/** What "New graph" starts from when there is no draft. */
export const NEW_GRAPH = `graph "my graph"

input x = 3
y = x * x
objective y
`;

/**
 * The graph on screen as a spec to print, and what it is a copy of. The learner's own graph is
 * its spec as loaded (options and switches kept). An exercise is the spec the engine ran at its
 * current options (`run.spec`): its options are already resolved into the nodes, so the copy
 * declares none, and it gets an id and title of its own so it never passes for the exercise.
 */
export function editableSpec(s: ExplorerState): { spec: GraphSpec; copyOf: string | null } | null {
  if (!s.run) return null;
  if (s.source?.kind === 'spec') return { spec: s.source.spec as GraphSpec, copyOf: null };
  const { options: _resolved, ...ran } = s.run.spec;
  const title = s.run.graph.title;
  return { spec: { ...ran, id: `${s.run.graph.id}-copy`, title: `${title} (edited copy)` }, copyOf: title };
}

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
