import type { Problem } from '../core/errors';
import { inertText } from '../ui/compute/inert';

const MAX = 600;
const shown = (s: string): string => {
  const t = inertText(s);
  return t.length > MAX ? `${t.slice(0, MAX)}…` : t;
};

/** Why an embed shows no graph: in its own box, where the graph would be. Text only (file text is data). */
export function EmbedError({ problems }: { problems: Problem[] }) {
  return (
    <div className="gf-app gf-app--embedded gf-embed-error" data-testid="explorer">
      <div className="gf-error-panel" role="alert" data-testid="error-panel">
        <div className="gf-error-panel__head">
          <strong>No graph to show</strong>
        </div>
        <ul>
          {problems.slice(0, 20).map((problem, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no ids
            <li key={i} data-node={problem.node ?? ''} data-field={problem.field}>
              {problem.node !== undefined ? <span>node “{shown(problem.node)}”</span> : <span>graph</span>}, field{' '}
              <code>{shown(problem.field)}</code>: {shown(problem.message)}
            </li>
          ))}
          {problems.length > 20 && <li>… and {problems.length - 20} more</li>}
        </ul>
      </div>
    </div>
  );
}
