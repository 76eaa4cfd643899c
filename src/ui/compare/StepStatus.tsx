import { useStore } from 'zustand';
import { inertText } from '../compute/inert';
import { selectLength, selectStep } from '../store/selectors';
import type { ExplorerStore } from '../store/types';
import { alignmentOf } from './session';
import { stepName } from './summary';

/** Pane A's step: the scrubber's. */
export function StepA({ a }: { a: ExplorerStore }) {
  const cursor = useStore(a, (s) => s.cursor);
  const n = useStore(a, selectLength);
  const step = useStore(a, selectStep);
  return (
    <output
      className="gf-compare__step"
      data-testid="compare-step-A"
      data-node={step?.node ?? ''}
      data-phase={step?.phase ?? 'start'}
      data-cursor={cursor}
    >
      step {cursor} / {n} · {inertText(stepName(step))}
    </output>
  );
}

/** Pane B's step: aligned with A's by node and phase, or where B stays when A's step has no counterpart. */
export function StepB({ a, b }: { a: ExplorerStore; b: ExplorerStore }) {
  const runA = useStore(a, (s) => s.run);
  const cursorA = useStore(a, (s) => s.cursor);
  const stepA = useStore(a, selectStep);
  const runB = useStore(b, (s) => s.run);
  const cursor = useStore(b, (s) => s.cursor);
  const n = useStore(b, selectLength);
  const step = useStore(b, selectStep);
  const busy = useStore(b, (s) => s.requested !== null);
  if (!runA || !runB) return <output className="gf-compare__step">{busy ? 'computing B…' : 'B has not run'}</output>;
  const exact = alignmentOf(runA, runB).hasCounterpart(cursorA);
  return (
    <output
      className={`gf-compare__step${exact ? '' : ' is-unmatched'}`}
      data-testid="compare-step-B"
      data-node={step?.node ?? ''}
      data-phase={step?.phase ?? 'start'}
      data-cursor={cursor}
      data-counterpart={exact ? 'yes' : 'no'}
    >
      {exact
        ? `step ${cursor} / ${n} · ${inertText(stepName(step))}`
        : `no counterpart for A’s ${inertText(stepName(stepA))} — B stays at step ${cursor} / ${n} · ${inertText(stepName(step))}`}
      {busy ? ' · computing…' : ''}
    </output>
  );
}
