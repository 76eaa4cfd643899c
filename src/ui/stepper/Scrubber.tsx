import { useRef } from 'react';
import { useExplorer } from '../store/context';
import { selectLength, selectTimeline } from '../store/selectors';
import { PHASE_COLOUR } from '../trace/palette';
import { TrackMarks } from '../tracks/TrackMarks';

const KIND_COLOUR = { forward: PHASE_COLOUR.forward, backward: PHASE_COLOUR.backward, memory: PHASE_COLOUR.memory } as const;
const KIND_LABEL = { forward: 'forward', backward: 'backward', memory: 'free / recompute' } as const;

/** A track of the steps, segments coloured by phase; click or drag to seek, arrows work too. */
export function Scrubber() {
  const segments = useExplorer((s) => selectTimeline(s)?.segments ?? null);
  const n = useExplorer((s) => selectLength(s));
  const cursor = useExplorer((s) => s.cursor);
  const seek = useExplorer((s) => s.seek);
  const ref = useRef<HTMLDivElement>(null);
  const seekAt = (clientX: number) => {
    const r = ref.current?.getBoundingClientRect();
    if (!r || n === 0) return;
    seek(Math.round(((clientX - r.left) / r.width) * n));
  };
  return (
    <div
      ref={ref}
      className="gf-scrubber"
      role="slider"
      tabIndex={0}
      aria-label="step"
      aria-valuemin={0}
      aria-valuemax={n}
      aria-valuenow={cursor}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        seekAt(e.clientX);
      }}
      onPointerMove={(e) => {
        if (e.currentTarget.hasPointerCapture(e.pointerId)) seekAt(e.clientX);
      }}
    >
      {segments?.map((g) => (
        <span
          key={g.from}
          className={`gf-scrubber__seg gf-scrubber__seg--${g.kind}`}
          style={{ left: `${(100 * g.from) / n}%`, width: `${(100 * (g.to - g.from)) / n}%`, background: KIND_COLOUR[g.kind] }}
          title={`${KIND_LABEL[g.kind]}: steps ${g.from + 1}–${g.to}`}
        />
      ))}
      <TrackMarks n={n} />
      <span className="gf-scrubber__done" style={{ width: n ? `${(100 * cursor) / n}%` : 0 }} />
      <span className="gf-scrubber__thumb" style={{ left: n ? `${(100 * cursor) / n}%` : 0 }} />
    </div>
  );
}
