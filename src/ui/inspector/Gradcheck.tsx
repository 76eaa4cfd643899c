import { fmt } from '../../core/format';
import type { GradcheckRow } from '../compute/protocol';
import { useExplorer, useExplorerStore } from '../store/context';

const err = (x: number | null) => (x === null ? '—' : fmt(x, 2));

/** "Check gradient": the engine's VJPs against tf.grads and finite differences (src/engine/gradcheck.ts). */
export function Gradcheck({ node }: { node: string | null }) {
  const store = useExplorerStore();
  const g = useExplorer((s) => s.gradcheck);
  const rows: GradcheckRow[] = g.report ? [...g.report.nodes, ...g.report.leaves] : [];
  const mine = node ? rows.filter((r) => r.node === node) : rows;
  return (
    <div className="gf-gradcheck" data-testid="gradcheck">
      <button type="button" onClick={() => void store.getState().checkGradients()} disabled={g.status === 'running'}>
        {g.status === 'running' ? 'Checking…' : 'Check gradient'}
      </button>
      {g.status === 'error' && <p className="gf-error-text">{g.problems?.map((p) => p.message).join('; ')}</p>}
      {g.report && (
        <>
          <p className={g.report.pass ? 'gf-pass' : 'gf-fail'} data-testid="gradcheck-verdict">
            {g.report.pass ? '✓ every gradient checks out' : '✗ some gradients disagree'} (tolerance: tf.grads {g.report.tolerance.tfGrads},
            finite differences {g.report.tolerance.finiteDiff}){node && mine.length === 0 ? ` (no check for ${node})` : ''}
          </p>
          {mine.length > 0 && (
            <table className="gf-table">
              <thead>
                <tr>
                  <th>node</th>
                  <th>vs tf.grads</th>
                  <th>vs finite diff.</th>
                  <th>
                    <span className="gf-visually-hidden">verdict</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {mine.map((r) => (
                  <tr key={`${r.op}:${r.node}`} className={r.pass === false ? 'gf-fail' : undefined}>
                    <td>{r.op === 'leaf' ? `∂L/∂${r.node}` : `${r.node} (${r.op} VJP)`}</td>
                    <td>{err(r.vsTfGrads)}</td>
                    <td>{err(r.vsFiniteDiff)}</td>
                    <td title={r.note}>{r.pass === null ? `skipped${r.skipped ? `: ${r.skipped}` : ''}` : r.pass ? '✓' : '✗'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
