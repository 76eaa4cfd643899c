import { axisBottom, axisLeft, curveStepAfter, line, scaleLinear } from 'd3';
import type { MemoryBlock } from '../../engine/blocks';
import type { Phase, Step } from '../../engine/trace';
import { PHASE_COLOUR, REFERENCE_COLOUR } from '../trace/palette';
import { Axis, AxisTitles, Gridlines } from './Axis';
import { formatNumber } from './format';
import { formatInteger, integerTicks } from './frame';
import { Panel } from './Panel';

export interface MemoryTimelineProps {
  steps: readonly Step[];
  /** 0 = before step 0; k = steps[0..k−1] done. */
  cursor: number;
  /** blocks.memory: the engine's live count after each step, reference levels and facts. */
  memory: MemoryBlock;
}

const BOX = { width: 460, height: 280, top: 34, right: 16, bottom: 46, left: 52 } as const;
const PHASES: Phase[] = ['forward', 'backward', 'free', 'recompute'];

/** Rough width of SVG text at a font size (no layout pass): enough to keep two labels apart. */
const textWidth = (text: string, size: number): number => text.length * size * 0.58;

interface LabelBox {
  anchor: 'start' | 'end';
  anchorX: number;
  baseline: number;
  x0: number;
  x1: number;
}

/** The peak's label beside its dot, on the side with room (left of a late peak, right of an early one). */
function peakLabelBox(px: number, py: number, text: string, late: boolean): LabelBox {
  const w = textWidth(text, 17);
  const baseline = py - 9;
  return late
    ? { anchor: 'end', anchorX: px - 8, baseline, x0: px - 8 - w, x1: px - 8 }
    : { anchor: 'start', anchorX: px + 8, baseline, x0: px + 8, x1: px + 8 + w };
}

/**
 * A reference line's label: right-aligned above its line; below it when the line is at the top
 * (the phase strip is there) or when the peak's label sits on that line and would meet it.
 * Widths are estimated at presenter mode's panel type (17 px), the largest it is drawn at.
 */
function markLabel(name: string, value: number, ly: number, peak: LabelBox): { text: string; x: number; y: number; anchor: 'end' } {
  const text = `${name}: ${formatNumber(value)}`;
  const right = BOX.width - BOX.right - 4;
  const w = textWidth(text, 17);
  const atTop = ly - 5 - 17 < BOX.top - 8;
  const meetsPeak = Math.abs(ly - 5 - peak.baseline) < 20 && right - w < peak.x1 && right > peak.x0;
  return { text, x: right, y: atTop || meetsPeak ? ly + 18 : ly - 5, anchor: 'end' };
}

/** Live layer activations step by step (checkpointing frees and recomputes), peak and cursor marked. */
export function MemoryTimeline({ steps, cursor, memory }: MemoryTimelineProps) {
  const { live: counts, peak, peakAt } = memory;
  const marks = memory.marks.filter((m) => Number.isFinite(m.value));
  const n = steps.length;
  const at = Math.max(0, Math.min(cursor, n));
  const liveNow = counts[at] ?? 0;
  const plotBottom = BOX.height - BOX.bottom;
  const x = scaleLinear()
    .domain([0, Math.max(1, n)])
    .range([BOX.left, BOX.width - BOX.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1, peak, ...marks.map((m) => m.value))])
    .nice()
    .range([plotBottom, BOX.top]);
  const path = line<number>()
    .x((_, i) => x(i))
    .y((v) => y(v))
    .curve(curveStepAfter);
  const stripW = Math.max(1, x(1) - x(0));
  const peakBox = peakLabelBox(x(peakAt), y(peak), `peak ${peak}`, peakAt > n / 2);
  const present = new Set(steps.map((s) => s.phase));

  return (
    <Panel
      kind="memory"
      title="Memory: live layer activations"
      subtitle="Forward and recompute steps hold an activation, free steps drop one. Checkpointing trades recomputation for a lower peak."
    >
      <ul className="gf-legend" aria-label="Step phases">
        {PHASES.filter((p) => present.has(p)).map((p) => (
          <li key={p} style={{ color: PHASE_COLOUR[p] }}>
            <span className="gf-swatch gf-swatch-box" aria-hidden="true" />
            <span style={{ color: 'var(--gf-fg)' }}>{p}</span>
          </li>
        ))}
      </ul>
      <svg
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        role="img"
        aria-label={`Live layer activations over ${n} steps: peak ${peak} at step ${peakAt}; at step ${at}, ${liveNow} live`}
        data-peak={peak}
        data-cursor={at}
      >
        <g>
          {steps.map((s, i) => (
            <rect key={s.index} x={x(i)} y={8} width={stripW} height={10} fill={PHASE_COLOUR[s.phase]} data-phase={s.phase} />
          ))}
        </g>
        <Gridlines ys={y.ticks(6).map(y)} left={BOX.left} right={BOX.width - BOX.right} />
        <Axis
          axis={axisBottom(x)
            .tickValues(integerTicks(x.ticks(8)))
            .tickFormat((v) => formatInteger(+v))}
          y={plotBottom}
        />
        <Axis
          axis={axisLeft(y)
            .tickValues(integerTicks(y.ticks(6)))
            .tickFormat((v) => formatInteger(+v))}
          x={BOX.left}
        />
        <AxisTitles
          x="step"
          y="live activations"
          xMid={(BOX.left + BOX.width - BOX.right) / 2}
          yMid={BOX.top + (plotBottom - BOX.top) / 2}
          height={BOX.height}
        />
        {marks.map((m) => {
          const label = markLabel(m.label, m.value, y(m.value), peakBox);
          return (
            <g key={m.label} data-mark={m.label}>
              <line
                x1={BOX.left}
                x2={BOX.width - BOX.right}
                y1={y(m.value)}
                y2={y(m.value)}
                stroke="var(--gf-muted)"
                strokeDasharray="6 4"
              />
              <text x={label.x} y={label.y} textAnchor={label.anchor} fontSize={12} fill="var(--gf-muted)">
                {label.text}
              </text>
            </g>
          );
        })}
        <path d={path(counts) ?? ''} fill="none" stroke={PHASE_COLOUR.forward} strokeWidth={2.5} />
        <g data-testid="memory-peak">
          <circle cx={x(peakAt)} cy={y(peak)} r={5.5} fill={REFERENCE_COLOUR} />
          <text x={peakBox.anchorX} y={peakBox.baseline} textAnchor={peakBox.anchor} fontSize={12.5} fontWeight={600}>
            {`peak ${peak}`}
          </text>
        </g>
        <g data-testid="memory-cursor">
          <line x1={x(at)} x2={x(at)} y1={BOX.top - 6} y2={plotBottom} stroke="var(--gf-fg)" strokeWidth={1.5} />
          <circle cx={x(at)} cy={y(liveNow)} r={4.5} fill="var(--gf-bg)" stroke="var(--gf-fg)" strokeWidth={2} />
        </g>
      </svg>
      <dl className="gf-facts">
        <dt>at this step</dt>
        <dd data-testid="memory-now">{`${liveNow} live (step ${at} of ${n})`}</dd>
        <dt>peak in this trace</dt>
        <dd data-testid="memory-peak-text">{`${peak} (step ${peakAt})`}</dd>
        {memory.facts.map((f) => [<dt key={`${f.label}-dt`}>{f.label}</dt>, <dd key={`${f.label}-dd`}>{formatNumber(f.value)}</dd>])}
      </dl>
    </Panel>
  );
}
