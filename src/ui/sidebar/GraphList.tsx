import { useEffect, useState } from 'react';
import type { Example } from '../../../graphs/examples/index';
import { afterDrawn } from '../canvas/ready';
import type { ExplorerStore } from '../store';
import { useExplorer, useExplorerStore } from '../store/context';
import { selectGraphId } from '../store/selectors';
import { groupExercises } from './groups';
import { OpenGraph } from './OpenGraph';

/** How long the gallery waits for the first graph at most. */
const EXAMPLES_WAIT_MS = 3000;

/**
 * The gallery graphs, once their module has loaded: it reads each .gf file's title with the
 * graph-language parser, which is not part of the app shell. It loads after the first graph is
 * drawn: parsing the five files took about 120 ms of the main thread on a cold load here, while
 * the first graph was being mounted. Shown below the catalogue's exercises, so nothing above it moves.
 */
function useExamples(store: ExplorerStore): readonly Example[] {
  const [examples, setExamples] = useState<readonly Example[]>([]);
  useEffect(() => {
    let live = true;
    void afterDrawn(store, EXAMPLES_WAIT_MS)
      .then(() => import('../../../graphs/examples/index'))
      .then((m) => {
        if (live) setExamples(m.EXAMPLES);
      });
    return () => {
      live = false;
    };
  }, [store]);
  return examples;
}

/** The exercises grouped by theme, the gallery's examples (.gf), then "Open graph file…" and paste JSON. */
export function GraphList() {
  const catalogue = useExplorer((s) => s.catalogue);
  const current = useExplorer((s) => selectGraphId(s));
  const custom = useExplorer((s) => s.source?.kind === 'spec');
  const loadGraph = useExplorer((s) => s.loadGraph);
  const store = useExplorerStore();
  const customTitle = useExplorer((s) => (s.source?.kind === 'spec' ? s.run?.graph.title : undefined));
  const examples = useExamples(store);
  return (
    <nav className="gf-graphlist" aria-label="graphs">
      <h1 className="gf-brand">gradflow</h1>
      {!catalogue && <p className="gf-muted">Loading exercises…</p>}
      {catalogue &&
        groupExercises(catalogue).map((g) => (
          <section key={g.label}>
            <h2>{g.label}</h2>
            <ul>
              {g.items.map((e) => (
                <li key={e.id}>
                  <button
                    type="button"
                    className={!custom && e.id === current ? 'is-current' : ''}
                    aria-current={!custom && e.id === current ? 'page' : undefined}
                    onClick={() => void loadGraph(e.id)}
                    title={e.text}
                  >
                    {e.title}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      {catalogue && examples.length > 0 && (
        <section>
          <h2>Examples</h2>
          <ul>
            {examples.map((e) => (
              <li key={e.name}>
                <button
                  type="button"
                  className={custom && customTitle === e.title ? 'is-current' : ''}
                  onClick={() => void store.getState().loadSpecText(e.text, e.name)}
                  title={`graphs/examples/${e.name}`}
                >
                  {e.title}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <OpenGraph />
    </nav>
  );
}
