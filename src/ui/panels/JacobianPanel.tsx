import { useEffect, useEffectEvent } from 'react';
import { MatrixGrid } from './MatrixGrid';
import { Panel } from './Panel';
import { useProgress } from './useProgress';

export interface JacobianPanelProps {
  /** blocks.jacobians: name → matrix, row i built by the reverse pass seeded with eᵢ. */
  jacobians: Readonly<Record<string, number[][]>>;
  /** Time between two rows appearing. */
  rowMs?: number;
}

/** Rows of the Jacobians fill in one by one, one reverse pass each, with a replay control. */
export function JacobianPanel({ jacobians, rowMs = 450 }: JacobianPanelProps) {
  const entries = Object.entries(jacobians);
  const maxRows = Math.max(1, ...entries.map(([, m]) => m.length));
  const { progress, running, start } = useProgress(maxRows * rowMs);

  // Play when the panel appears and when the numbers change (not merely the object holding them).
  const signature = JSON.stringify(jacobians);
  const play = useEffectEvent(() => start());
  useEffect(() => {
    if (signature !== '{}') play();
  }, [signature]);

  // Row k appears at (k−1)·rowMs; everything is shown once the clock reaches 1.
  const shown = progress >= 1 ? maxRows : Math.floor(progress * maxRows) + 1;
  // Full width only when the matrices need it.
  const wide = entries.reduce((n, [, m]) => n + (m[0]?.length ?? 0), 0) > 6;

  return (
    <Panel
      kind="jacobian"
      title="Jacobians, one reverse pass per row"
      subtitle="Each reverse pass seeds one output with eᵢ and returns row i: the gradient of that output."
      wide={wide}
    >
      <div className="gf-controls">
        <button type="button" className="gf-button" onClick={start} disabled={running}>
          Replay
        </button>
        <span aria-live="polite" data-testid="jacobian-status">
          {running ? `reverse pass ${Math.min(shown, maxRows)} of ${maxRows}` : `${maxRows} reverse pass${maxRows === 1 ? '' : 'es'} done`}
        </span>
      </div>
      <div className="gf-matrices">
        {entries.map(([name, m]) => {
          const cols = m[0]?.length ?? 0;
          return (
            <figure key={name} data-jacobian={name}>
              <figcaption>
                {name} <span className="gf-note">{`${m.length}×${cols}`}</span>
              </figcaption>
              <MatrixGrid
                matrix={m}
                filledRows={Math.min(shown, m.length)}
                scheme="diverging"
                rowLabels={m.map((_, i) => `pass ${i + 1}`)}
                colLabels={Array.from({ length: cols }, (_, j) => `col ${j + 1}`)}
                label={`Jacobian ${name}, ${m.length} by ${cols}`}
              />
            </figure>
          );
        })}
      </div>
    </Panel>
  );
}
