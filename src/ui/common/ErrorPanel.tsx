import { MAX_MESSAGE_CHARS } from '../../core/limits';
import { inertText } from '../compute/inert';
import type { ProblemSource } from '../store';
import { useExplorer, useExplorerStore } from '../store/context';
import { selectTimeline } from '../store/selectors';

const HEADINGS: Record<ProblemSource, string> = {
  graph: 'This graph could not be run',
  value: 'That value was not applied',
  option: 'That option was not applied',
  file: 'That graph file was not loaded',
  engine: 'The engine reported a problem',
  edit: 'That canvas edit was not applied',
};

/** Messages can quote a file's text back: shown as text, invisible characters marked, clipped. */
const shown = (s: string): string => {
  const t = inertText(s);
  return t.length > MAX_MESSAGE_CHARS ? `${t.slice(0, MAX_MESSAGE_CHARS)}…` : t;
};

/** Located problems (node and field), then any NaN/Inf notice. The last good trace stays on screen underneath. */
export function ErrorPanel() {
  return (
    <>
      <ProblemList />
      <FaultNotice />
    </>
  );
}

function ProblemList() {
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
                <span>node “{shown(p.node)}”</span>
              )
            ) : (
              <span>graph</span>
            )}
            , field <code>{shown(p.field)}</code>: {shown(p.message)}
          </li>
        ))}
        {problems.length > 20 && <li>… and {problems.length - 20} more</li>}
      </ul>
    </div>
  );
}

const NOTICE_STYLE = { borderColor: '#efd19a', borderLeftColor: '#b26a00', background: '#fff8eb' } as const;

/**
 * The run went through but produced NaN or ±Inf: where it first appeared (node, step, pass),
 * how far it spread, and a button to that step. The canvas marks every node with a fault.
 */
function FaultNotice() {
  const store = useExplorerStore();
  const faults = useExplorer((s) => s.run?.trace.faults);
  const steps = useExplorer((s) => selectTimeline(s)?.steps);
  const first = faults?.[0];
  if (!first || !steps) return null;
  const at = first.step + 1;
  const phase = steps[first.step]?.phase ?? 'forward';
  const pass = phase === 'forward' || phase === 'recompute' ? 'forward pass' : 'backward pass';
  const others = new Set(faults.map((f) => f.node));
  others.delete(first.node);
  return (
    <div
      className="gf-error-panel gf-fault-notice"
      role="status"
      style={NOTICE_STYLE}
      data-testid="fault-notice"
      data-node={first.node}
      data-step={at}
    >
      <div className="gf-error-panel__head">
        <strong>NaN or Inf in this run</strong>
      </div>
      <p>
        It first appears at node “{first.node}”, step {at} of {steps.length} ({pass}): {shown(first.message)}.
        {others.size > 0 && ` It spreads to ${others.size} more node${others.size === 1 ? '' : 's'}.`}{' '}
        <button
          type="button"
          className="gf-link"
          onClick={() => {
            const s = store.getState();
            s.seek(at);
            s.select(first.node);
          }}
        >
          show step {at}
        </button>
      </p>
    </div>
  );
}
