import type { Check } from '../../engine/exercise';
import { useExplorer } from '../store/context';
import { type LessonState, selectChecks } from '../store/slices/checks';
import { Gradcheck } from './Gradcheck';
import { GraphNotes } from './GraphNotes';

const shapeOf = (v: unknown[]): string => {
  const dims: number[] = [];
  let x: unknown = v;
  while (Array.isArray(x)) {
    dims.push(x.length);
    x = x[0];
  }
  return dims.join('×');
};

/** A check's got/expected: numbers to 4 digits, arrays of more than 6 entries by shape only. */
export function brief(v: unknown): string {
  if (Array.isArray(v) && v.flat(5).length > 6) return `[${shapeOf(v)} array]`;
  const s = JSON.stringify(v, (_, x) => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toPrecision(4)) : x));
  if (s === undefined) return String(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

function Checks({ checks, status, problem }: { checks: Check[]; status: LessonState['status']; problem?: string }) {
  const pending = status === 'checking' && (
    <p className="gf-muted" data-testid="checks-pending">
      checking… (finite differences and the other checks that re-run the graph)
    </p>
  );
  const failed = status === 'error' && <p className="gf-fail">the remaining checks could not run: {problem}</p>;
  // No check in yet: only the note that they are on their way (the list section comes with them).
  if (!checks.length) return pending || failed ? <section aria-busy={status === 'checking'}>{pending || failed}</section> : null;
  return (
    <section data-testid="checks" aria-busy={status === 'checking'}>
      <h3>The notebook's checks, recomputed</h3>
      {pending}
      {failed}
      <ul className="gf-checks">
        {checks.map((c) => (
          <li key={c.name} className={c.pass ? 'gf-pass' : 'gf-fail'}>
            <span>{c.pass ? '✓' : '✗'}</span> {c.name}
            {(c.got !== undefined || c.expected !== undefined) && (
              <span className="gf-muted">
                {' '}
                — got {brief(c.got)}
                {c.expected !== undefined ? `, expected ${brief(c.expected)}` : ''}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What the inspector shows with no node selected: the exercise, its checks and notes. */
export function GraphOverview() {
  const graph = useExplorer((s) => s.run?.graph);
  const checks = useExplorer(selectChecks);
  // The lesson's state only when it is this run's (a stale one reads as idle).
  const status = useExplorer((s) => (s.lesson.of === s.run ? s.lesson.status : 'idle'));
  const problem = useExplorer((s) => (s.lesson.of === s.run ? s.lesson.problems?.[0]?.message : undefined));
  const stats = useExplorer((s) => s.run?.trace.stats);
  const backend = useExplorer((s) => s.run?.backend);
  const ms = useExplorer((s) => s.run?.ms);
  if (!graph) return <p className="gf-muted">Loading the engine…</p>;
  return (
    <div className="gf-overview" data-testid="graph-overview">
      <h2>{graph.title}</h2>
      {graph.text && <p>{graph.text}</p>}
      <p className="gf-hint">Click a node to see its rule, its numbers and its gradient. Step with → ← (Space plays).</p>
      {checks && <Checks checks={checks} status={status} problem={problem} />}
      <section>
        <h3>Check every gradient</h3>
        <Gradcheck node={null} />
      </section>
      <GraphNotes />
      {stats && (
        <p className="gf-muted gf-small">
          {graph.nodes.length} nodes · peak live activations {stats.peakLiveActivations} · {stats.forwardEvaluations} op evaluations ·
          engine: tfjs {backend}
          {ms !== undefined ? `, ${ms.toFixed(0)} ms` : ''}
        </p>
      )}
    </div>
  );
}
