import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { download } from '../canvas/download';
import type { Structure } from '../canvas/flow';
import { useExplorerStore } from '../store/context';
import { selectTimeline } from '../store/selectors';
import { captureTrack } from './capture';
import { Cancelled, svgFrames } from './frames';
import { defaultPlan, framesFor, planProblem, type RecordPlan, SIZES } from './plan';
import { encode, record, recordingName, shotsOf } from './record';
import { webmSupported } from './webm';

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; done: number; total: number }
  | { kind: 'done'; name: string; bytes: number; skipped: string[] }
  | { kind: 'error'; message: string };

const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));

/** A labelled number input holding its text as typed (checked by planProblem, not clamped). */
function NumberField(p: {
  label: string;
  testid: string;
  min: number;
  max: number;
  step?: number;
  value: string;
  disabled?: boolean;
  onChange: (text: string) => void;
}) {
  return (
    <label>
      {p.label}
      <input
        data-testid={p.testid}
        type="number"
        min={p.min}
        max={p.max}
        step={p.step}
        value={p.value}
        disabled={p.disabled}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </label>
  );
}

/**
 * The walkthrough recorder: a step range (default: the backward phase), a size, a format and
 * seconds per step; progress and cancel while it records; the file downloads when done. WebM
 * needs WebCodecs: without it the dialog says so and GIF still works.
 */
export function RecordDialog({ structure, onClose }: { structure: Structure; onClose: () => void }) {
  const store = useExplorerStore();
  const ref = useRef<HTMLDialogElement>(null);
  // The canvas's layout now: a track recorded across option changes waits for each stop's.
  const laidOut = useRef(structure);
  laidOut.current = structure;
  const id = useId();
  const s = store.getState();
  const timeline = selectTimeline(s);
  const length = timeline?.length ?? 0;
  const initial = useMemo(() => (timeline ? defaultPlan(timeline) : null), [timeline]);
  const [plan, setPlan] = useState<RecordPlan | null>(initial);
  const [fromText, setFromText] = useState(String(initial?.from ?? ''));
  const [toText, setToText] = useState(String(initial?.to ?? ''));
  const [secondsText, setSecondsText] = useState(String(initial?.secondsPerStep ?? 1));
  const [fpsText, setFpsText] = useState(String(initial?.fps ?? 30));
  const [webm, setWebm] = useState<boolean | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => abort.current?.abort();
  }, []);
  const size = plan ? `${plan.width}x${plan.height}` : '';
  const w = plan?.width ?? 0;
  const h = plan?.height ?? 0;
  // Whether WebM is possible at this size: asked again when the size changes.
  useEffect(() => {
    if (!w) return;
    let live = true;
    void webmSupported(w, h).then((ok) => {
      if (!live) return;
      setWebm(ok);
      if (!ok) setPlan((p) => (p && p.format === 'webm' ? { ...p, format: 'gif' } : p));
    });
    return () => {
      live = false;
    };
  }, [w, h]);

  const edited: RecordPlan | null = plan && {
    ...plan,
    from: num(fromText),
    to: num(toText),
    secondsPerStep: num(secondsText),
    fps: num(fpsText),
  };
  const planned = edited ? planProblem(edited, length) : 'no run to record yet';
  const run = s.run;
  const chosen = edited && timeline && run && !planned ? shotsOf({ graph: run.graph, timeline }, edited, run.options) : null;
  const problem =
    planned ?? (chosen && !chosen.shots.length && !chosen.elsewhere.length ? 'track: none of its stops can be shown in this run' : null);
  const tracks = run?.graph.tracks ?? [];
  const busy = status.kind === 'busy';

  const start = async () => {
    if (!edited || problem || !timeline || !run || !chosen) return;
    const ctl = new AbortController();
    abort.current = ctl;
    setStatus({ kind: 'busy', done: 0, total: 1 });
    const progress = (done: number, total: number) => setStatus({ kind: 'busy', done, total });
    try {
      let blob: Blob;
      let skipped: string[] = [];
      if (edited.track !== null && chosen.elsewhere.length) {
        // Stops at other options: the explorer runs each stop's options, then comes back.
        const got = await captureTrack(store, edited.track, edited, () => laidOut.current, progress, ctl.signal);
        if (!got.shots.length) throw new Error('track: none of its stops could be shown');
        skipped = got.skipped;
        blob = await encode(svgFrames(got.svgs, got.shots, edited), edited, progress, ctl.signal);
      } else blob = await record({ structure, graph: run.graph, timeline }, edited, chosen.shots, progress, ctl.signal);
      const name = recordingName(run.graph.id, edited);
      download(blob, name);
      setStatus({ kind: 'done', name, bytes: blob.size, skipped });
    } catch (e) {
      setStatus(e instanceof Cancelled ? { kind: 'idle' } : { kind: 'error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      abort.current = null;
    }
  };

  // Every stop the recording holds: this run's and those at other options (their seconds are known).
  const shots = [...(chosen?.shots ?? []), ...(chosen?.elsewhere ?? [])];
  const seconds = shots.reduce((t, x) => t + x.seconds, 0);
  const frames = edited ? shots.reduce((t, x) => t + framesFor(x.seconds, edited.fps), 0) : 0;
  const unit = plan?.track === null ? 'step' : 'stop';
  return (
    // The step keys stay with the dialog while it is open (Esc still closes it).
    <dialog
      ref={ref}
      className="gf-record"
      data-testid="record-dialog"
      aria-labelledby={`${id}-title`}
      onKeyDown={(e) => e.stopPropagation()}
      onClose={onClose}
      onCancel={(e) => {
        if (busy) e.preventDefault();
      }}
    >
      <h2 id={`${id}-title`}>Record a walkthrough</h2>
      {!plan ? (
        <p>Nothing to record yet: the graph has not run.</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <fieldset disabled={busy}>
            {tracks.length > 0 && (
              <div className="gf-record__row">
                <label>
                  record
                  <select
                    data-testid="record-what"
                    value={plan.track === null ? 'range' : String(plan.track)}
                    onChange={(e) => setPlan({ ...plan, track: e.target.value === 'range' ? null : Number(e.target.value) })}
                  >
                    <option value="range">a range of steps</option>
                    {tracks.map((t, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: tracks are positional (track=1 in links)
                      <option key={i} value={String(i)}>
                        track {i + 1}
                        {t.title ? `: ${t.title}` : ''} ({t.stops.length} stops)
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            )}
            <div className="gf-record__row">
              <NumberField
                label="from step"
                testid="record-from"
                min={1}
                max={length}
                value={fromText}
                disabled={plan.track !== null}
                onChange={setFromText}
              />
              <NumberField
                label="to step"
                testid="record-to"
                min={1}
                max={length}
                value={toText}
                disabled={plan.track !== null}
                onChange={setToText}
              />
              <span className="gf-record__hint">
                {plan.track === null ? `of ${length} (default: the backward phase)` : "the track's stops; each holds for its pause"}
              </span>
            </div>
            <div className="gf-record__row">
              <label>
                size
                <select
                  data-testid="record-size"
                  value={size}
                  onChange={(e) => {
                    const picked = SIZES.find((z) => `${z.width}x${z.height}` === e.target.value);
                    if (picked) setPlan({ ...plan, ...picked });
                  }}
                >
                  {SIZES.map((z) => (
                    <option key={`${z.width}x${z.height}`} value={`${z.width}x${z.height}`}>
                      {z.width} × {z.height}
                    </option>
                  ))}
                </select>
              </label>
              <NumberField
                label="seconds per step"
                testid="record-seconds"
                min={0.1}
                max={10}
                step={0.1}
                value={secondsText}
                onChange={setSecondsText}
              />
              <NumberField
                label="frames per second"
                testid="record-fps"
                min={1}
                max={60}
                disabled={plan.format !== 'webm'}
                value={fpsText}
                onChange={setFpsText}
              />
            </div>
            <fieldset className="gf-record__format">
              <legend>format</legend>
              <label>
                <input
                  type="radio"
                  name={`${id}-format`}
                  data-testid="record-webm"
                  checked={plan.format === 'webm'}
                  disabled={webm === false}
                  onChange={() => setPlan({ ...plan, format: 'webm' })}
                />
                WebM video (VP8; each picture repeated at that frame rate)
              </label>
              <label>
                <input
                  type="radio"
                  name={`${id}-format`}
                  data-testid="record-gif"
                  checked={plan.format === 'gif'}
                  onChange={() => setPlan({ ...plan, format: 'gif' })}
                />
                GIF (one frame per step or stop, for slides)
              </label>
            </fieldset>
            {webm === false && (
              <p className="gf-record__note" data-testid="record-no-webcodecs">
                WebM needs WebCodecs (VideoEncoder with VP8), which this browser does not offer here (it needs a secure page: https or
                localhost). GIF still works.
              </p>
            )}
          </fieldset>
          {chosen && chosen.elsewhere.length > 0 && (
            <p className="gf-record__hint" data-testid="record-elsewhere">
              {chosen.elsewhere.length === 1 ? 'One stop runs' : `${chosen.elsewhere.length} stops run`} at other options than the graph on
              screen: recording takes the explorer to each stop (its options, then its step), as the track plays, and back to this view when
              done.
            </p>
          )}
          {chosen && chosen.skipped.length > 0 && (
            <div className="gf-record__note" data-testid="record-skipped">
              This run has no moment for these stops: they are left out.
              <ul>
                {chosen.skipped.map((why) => (
                  <li key={why}>{why}</li>
                ))}
              </ul>
            </div>
          )}
          <p className="gf-record__summary" data-testid="record-summary">
            {problem
              ? problem
              : `${shots.length} ${unit}${shots.length === 1 ? '' : 's'}, ${seconds.toFixed(1)} s${
                  edited?.format === 'webm' ? ` (${frames} frames)` : ''
                }`}
          </p>
          {status.kind === 'busy' && (
            <progress data-testid="record-progress" value={status.done} max={status.total} aria-label="recording progress" />
          )}
          {status.kind === 'done' && (
            <p data-testid="record-done">
              Saved {status.name} ({Math.round(status.bytes / 1024)} kB).
              {status.skipped.length > 0 && ` Left out: ${status.skipped.join('; ')}.`}
            </p>
          )}
          {status.kind === 'error' && (
            <p className="gf-record__error" role="alert" data-testid="record-error">
              {status.message}
            </p>
          )}
          <div className="gf-record__buttons">
            {busy ? (
              <button type="button" data-testid="record-cancel" onClick={() => abort.current?.abort()}>
                Cancel
              </button>
            ) : (
              <>
                <button type="submit" data-testid="record-start" disabled={problem !== null}>
                  Record
                </button>
                <button type="button" onClick={() => ref.current?.close()}>
                  Close
                </button>
              </>
            )}
          </div>
        </form>
      )}
    </dialog>
  );
}
