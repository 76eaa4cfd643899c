import type { ExerciseInfo } from '../compute/protocol';
import { useExplorer } from '../store/context';
import { OpenGraph } from './OpenGraph';

/** Themes of the course, by exercise id prefix; anything else lands in "More graphs". */
const THEMES: { label: string; match: RegExp }[] = [
  { label: 'Chain rule', match: /^ex0[12]-/ },
  { label: 'Backprop through networks', match: /^ex0[345]-|^ex09-/ },
  { label: 'Attention and fine-tuning', match: /^ex0[67]-|^ex10-/ },
  { label: 'Discrete and stochastic nodes', match: /^ex08-/ },
];

export function groupExercises(list: readonly ExerciseInfo[]): { label: string; items: ExerciseInfo[] }[] {
  const groups = THEMES.map((t) => ({ label: t.label, items: list.filter((e) => t.match.test(e.id)) }));
  const rest = list.filter((e) => !THEMES.some((t) => t.match.test(e.id)));
  if (rest.length) groups.push({ label: 'More graphs', items: rest });
  return groups.filter((g) => g.items.length);
}

/** The exercises grouped by theme, then "Open graph file…" and paste JSON. */
export function GraphList() {
  const catalogue = useExplorer((s) => s.catalogue);
  const current = useExplorer((s) => s.graphId);
  const custom = useExplorer((s) => s.source?.kind === 'spec');
  const loadGraph = useExplorer((s) => s.loadGraph);
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
      <OpenGraph />
    </nav>
  );
}
