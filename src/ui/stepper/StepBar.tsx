import { FirstIcon, LastIcon, NextIcon, PauseIcon, PlayIcon, PrevIcon } from '../common/icons';
import { useExplorer, useExplorerStore } from '../store/context';
import { selectLength, selectStep } from '../store/selectors';
import { PredictCard } from './PredictCard';
import { Scrubber } from './Scrubber';

const SPEEDS = [0.5, 1, 2, 3, 5, 10];

/** ⏮ ◀ ▶/⏸ ▶ ⏭, speed, the phase-coloured scrubber, `k / N` and the step's commentary line. */
export function StepBar() {
  const cursor = useExplorer((s) => s.cursor);
  const n = useExplorer((s) => selectLength(s));
  const playing = useExplorer((s) => s.playing);
  const speed = useExplorer((s) => s.speed);
  const step = useExplorer((s) => selectStep(s));
  // Actions never change: read them once, subscribe only to the atoms above.
  const a = useExplorerStore().getState();
  // A group, not a region landmark: several explorers on one page must not repeat a "steps" landmark.
  return (
    // biome-ignore lint/a11y/useSemanticElements: a bar of controls, not a form; <fieldset> would bring form styling and legend layout
    <section className="gf-stepbar" role="group" aria-label="steps">
      <div className="gf-stepbar__row">
        <div className="gf-stepbar__buttons">
          <button type="button" onClick={a.first} disabled={cursor === 0} aria-label="first step (Home)" title="first (Home)">
            <FirstIcon />
          </button>
          <button type="button" onClick={a.prev} disabled={cursor === 0} aria-label="previous step (←)" title="previous (←)">
            <PrevIcon />
          </button>
          <button
            type="button"
            className="gf-play"
            onClick={playing ? a.pause : a.play}
            disabled={n === 0}
            aria-label={playing ? 'pause (Space)' : 'play (Space)'}
            title={playing ? 'pause (Space)' : 'play (Space)'}
          >
            {playing ? <PauseIcon /> : <PlayIcon />}
          </button>
          <button type="button" onClick={a.next} disabled={cursor >= n} aria-label="next step (→)" title="next (→)">
            <NextIcon />
          </button>
          <button type="button" onClick={a.last} disabled={cursor >= n} aria-label="last step (End)" title="last (End)">
            <LastIcon />
          </button>
          <label className="gf-speed">
            <span className="gf-visually-hidden">speed</span>
            <select value={String(speed)} onChange={(e) => a.setSpeed(Number(e.target.value))} aria-label="playback speed">
              {SPEEDS.map((v) => (
                <option key={v} value={v}>
                  {v}×/s
                </option>
              ))}
            </select>
          </label>
        </div>
        <Scrubber />
        <output className="gf-counter" data-testid="step-counter" aria-live="polite">
          {cursor} / {n}
        </output>
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a line longer than its two rows scrolls, and a scrollable region must be reachable by keyboard */}
      <p className="gf-commentary" data-testid="commentary" data-phase={step?.phase ?? 'start'} tabIndex={0}>
        {step ? (
          <>
            <span className={`gf-phase-tag gf-phase-tag--${step.phase}`}>{step.phase}</span>
            {step.commentary}
            {step.fault && <span className="gf-commentary__fault"> ⚠ {step.fault}</span>}
          </>
        ) : n ? (
          'Press → (or ▶) to start the forward pass.'
        ) : (
          'Loading…'
        )}
      </p>
      <PredictCard key={step?.index ?? -1} />
    </section>
  );
}
