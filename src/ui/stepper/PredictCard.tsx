import { useState } from 'react';
import { showShape } from '../../core/tensor';
import { useExplorer, useExplorerStore } from '../store/context';
import { guessTargets } from '../store/predict';
import { selectHidden, selectStep } from '../store/selectors';

/** Predict mode: asks for the gradients the step just done sends, then shows how close the guess was. */
export function PredictCard() {
  const store = useExplorerStore();
  const on = useExplorer((s) => s.predict);
  const step = useExplorer((s) => selectStep(s));
  const hidden = useExplorer(selectHidden);
  const outcome = useExplorer((s) => (step ? s.outcomes[step.index] : undefined));
  const labelOf = useExplorer((s) => s.run?.graph.nodes);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (!on || !step) return null;
  const targets = guessTargets(step);
  if (targets.length === 0) return null;
  const name = (id: string) => labelOf?.find((n) => n.id === id)?.label ?? id;

  if (hidden) {
    return (
      <form
        className="gf-predict"
        data-testid="predict"
        onSubmit={(e) => {
          e.preventDefault();
          setErrors(store.getState().guess(texts));
        }}
      >
        <strong>Predict:</strong> which gradient does <em>{name(step.node)}</em> send back?
        {targets.map((t) => {
          const scalar = t.grad.shape.length === 0;
          return (
            <label key={t.edge} className="gf-predict__field">
              ∂L/∂{name(t.to)} {scalar ? '(a number)' : `(signs + − 0 of ${showShape(t.grad.shape)}, row by row)`}
              <input
                value={texts[t.edge] ?? ''}
                onChange={(e) => setTexts({ ...texts, [t.edge]: e.target.value })}
                placeholder={scalar ? 'e.g. -0.5' : '+−0…'.slice(0, Math.min(4, t.grad.data.length))}
                aria-invalid={errors[t.edge] ? true : undefined}
              />
              {errors[t.edge] && <span className="gf-predict__error">{errors[t.edge]}</span>}
            </label>
          );
        })}
        <button type="submit">Check</button>
        <button type="button" onClick={() => store.getState().reveal()}>
          Show me
        </button>
      </form>
    );
  }
  if (!outcome || outcome.skipped) return null;
  return (
    <div className="gf-predict gf-predict--result" data-testid="predict-result">
      {outcome.scores.map((r) => (
        <span key={r.edge} className={r.close ? 'is-close' : 'is-off'}>
          ∂L/∂{name(r.to)}: you said {r.guess}, it is {r.truth}
          {r.kind === 'number' ? ` — off by ${((r.relError ?? 0) * 100).toPrecision(2)} %` : ` — ${r.correct} of ${r.total} signs right`}
          {r.close ? ' ✓' : ''}
        </span>
      ))}
    </div>
  );
}
