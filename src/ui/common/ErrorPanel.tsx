import { useExplorer, useExplorerStore } from '../store/context';
import type { ProblemSource } from '../store/store';

const HEADINGS: Record<ProblemSource, string> = {
  graph: 'This graph could not be run',
  value: 'That value was not applied',
  option: 'That option was not applied',
  file: 'That graph file was not loaded',
  engine: 'The engine reported a problem',
};

/** Located problems (node and field). The last good trace stays on screen underneath. */
export function ErrorPanel() {
  const store = useExplorerStore();
  const problems = useExplorer((s) => s.problems);
  const source = useExplorer((s) => s.problemSource);
  const nodes = useExplorer((s) => s.run?.graph.nodes);
  const hasRun = useExplorer((s) => s.run !== null);
  if (!problems?.length) return null;
  return (
    <div className="gf-error-panel" role="alert" data-testid="error-panel">
      <div className="gf-error-panel__head">
        <strong>{HEADINGS[source ?? 'engine']}</strong>
        {hasRun && <span className="gf-muted"> — the last good run is still shown.</span>}
        <button type="button" className="gf-close" onClick={() => store.getState().dismissProblems()} aria-label="dismiss">
          ×
        </button>
      </div>
      <ul>
        {problems.slice(0, 20).map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: problems have no ids
          <li key={i} data-node={p.node ?? ''} data-field={p.field}>
            {p.node !== undefined ? (
              nodes?.some((n) => n.id === p.node) ? (
                <button type="button" className="gf-link" onClick={() => store.getState().select(p.node ?? null)}>
                  node “{p.node}”
                </button>
              ) : (
                <span>node “{p.node}”</span>
              )
            ) : (
              <span>graph</span>
            )}
            , field <code>{p.field}</code>: {p.message}
          </li>
        ))}
        {problems.length > 20 && <li>… and {problems.length - 20} more</li>}
      </ul>
    </div>
  );
}
