import { axisBottom, axisLeft, curveStepAfter, line, scaleLinear } from 'd3';
import type { MemoryBlock } from '../../engine/blocks';
import type { Phase, Step } from '../../engine/trace';
import { PHASE_COLOUR, REFERENCE_COLOUR } from '../trace/palette';
import { Axis, AxisTitles, Gridlines } from './Axis';
import { type ChartFrame, chartFrame, textWidth, thin, tickBudget, useChartSize, yTickBudget } from './chartFrame';
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

const PHASES: Phase[] = ['forward', 'backward', 'free', 'recompute'];

/** The chart's box (one unit a pixel) and its label size, px: what label placement works in. */
interface Geo {
  box: ChartFrame;
  px: number;
}

interface LabelBox {
  anchor: 'start' | 'end';
  anchorX: number;
  baseline: number;
  x0: number;
  x1: number;
}

/** A label's box in the chart's units. */
interface Rect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const LINE_EM = 1.15;
const meets = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Splits a label into lines no wider than `max` (words kept whole). */
function wrapLabel(g: Geo, text: string, max: number): string[] {
  // Greedy: as many words on a line as fit (a word longer than a line gets one of its own).
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${word}`, g.px) <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Whether the step curve (point i at (xs[i], ys[i]), flat until the next step) passes through `r` (its stroke included). */
function curveMeets(r: Rect, xs: readonly number[], ys: readonly number[]): boolean {
  const pad = 2;
  const box = { x0: r.x0 - pad, x1: r.x1 + pad, y0: r.y0 - pad, y1: r.y1 + pad };
  for (let i = 0; i + 1 < xs.length; i++) {
    const [xa, xb, ya, yb] = [xs[i] as number, xs[i + 1] as number, ys[i] as number, ys[i + 1] as number];
    if (xa < box.x1 && xb > box.x0 && ya >= box.y0 && ya <= box.y1) return true; // the flat part
    if (xb >= box.x0 && xb <= box.x1 && Math.min(ya, yb) <= box.y1 && Math.max(ya, yb) >= box.y0) return true; // the step
  }
  return false;
}

/**
 * The peak's label beside its dot: above it on the side with room (left of a late peak, right of
 * an early one), else the other side, else higher up — the first place that meets neither the
 * curve nor the reference lines' labels.
 */
function peakLabelBox(
  g: Geo,
  px: number,
  py: number,
  text: string,
  late: boolean,
  placed: readonly Rect[],
  xs: readonly number[],
  ys: readonly number[],
): LabelBox {
  const w = textWidth(text, g.px);
  const sides: ('left' | 'right')[] = late ? ['left', 'right'] : ['right', 'left'];
  let best: { box: LabelBox; faults: number } | null = null;
  for (const lift of [9, 30, 50])
    for (const side of sides) {
      const baseline = py - lift;
      const box: LabelBox =
        side === 'left'
          ? { anchor: 'end', anchorX: px - 8, baseline, x0: px - 8 - w, x1: px - 8 }
          : { anchor: 'start', anchorX: px + 8, baseline, x0: px + 8, x1: px + 8 + w };
      const r = { x0: box.x0, x1: box.x1, y0: baseline - g.px, y1: baseline + 4 };
      const faults =
        (curveMeets(r, xs, ys) ? 1 : 0) +
        placed.filter((p) => meets(p, r)).length +
        (r.y0 < g.box.top - 12 || r.x0 < g.box.left || r.x1 > g.box.width ? 1 : 0);
      if (!best || faults < best.faults) best = { box, faults };
      if (faults === 0) return box;
    }
  return (best as { box: LabelBox }).box;
}

interface MarkLabel {
  lines: string[];
  x: number;
  /** Baseline of the first line. */
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: Rect;
}

/**
 * A reference line's label: on one or two lines, above or below its line, at the right, left or
 * middle of the plot — the first of those places that meets neither the curve, nor the labels
 * already placed, nor the phase strip; else the one meeting the fewest of them.
 */
function markLabel(
  g: Geo,
  text: string,
  ly: number,
  placed: readonly Rect[],
  xs: readonly number[],
  ys: readonly number[],
  plotBottom: number,
): MarkLabel {
  const left = g.box.left + 4;
  const right = g.box.width - g.box.right - 4;
  const lines = wrapLabel(g, text, right - left);
  const w = Math.max(...lines.map((l) => textWidth(l, g.px)));
  const h = g.px * (1 + LINE_EM * (lines.length - 1)) + 4;
  let best: { label: MarkLabel; faults: number } | null = null;
  for (const above of [true, false])
    for (const anchor of ['end', 'start', 'middle'] as const) {
      const y0 = above ? ly - 4 - h : ly + 4;
      const x = anchor === 'end' ? right : anchor === 'start' ? left : (left + right) / 2;
      const x0 = anchor === 'end' ? right - w : anchor === 'start' ? left : x - w / 2;
      const box = { x0, x1: x0 + w, y0, y1: y0 + h };
      const faults =
        (curveMeets(box, xs, ys) ? 1 : 0) +
        placed.filter((p) => meets(p, box)).length +
        (y0 < g.box.top - 12 || box.y1 > plotBottom ? 1 : 0);
      // the first line's baseline: about 0.8 em below the box's top
      const label = { lines, x, y: y0 + 2 + g.px * 0.8, anchor, box };
      if (!best || faults < best.faults) best = { label, faults };
      if (faults === 0) return label;
    }
  return (best as { label: MarkLabel }).label;
}

/** Live layer activations step by step (checkpointing frees and recomputes), peak and cursor marked. */
export function MemoryTimeline({ steps, cursor, memory }: MemoryTimelineProps) {
  const { live: counts, peak, peakAt } = memory;
  const marks = memory.marks.filter((m) => Number.isFinite(m.value));
  const n = steps.length;
  const at = Math.max(0, Math.min(cursor, n));
  const liveNow = counts[at] ?? 0;
  // Drawn at its size on screen (one unit a pixel): margins from the text size; the phase strip above the plot.
  const size = useChartSize();
  const { font } = size;
  const yMax = Math.max(1, peak, ...marks.map((m) => m.value));
  const BOX = chartFrame(size.width, font, { yTickChars: formatInteger(yMax).length + 1, extraTop: 22, aspect: 0.8 });
  const g: Geo = { box: BOX, px: font };
  const plotBottom = BOX.height - BOX.bottom;
  const x = scaleLinear()
    .domain([0, Math.max(1, n)])
    .range([BOX.left, BOX.width - BOX.right]);
  const y = scaleLinear().domain([0, yMax]).nice().range([plotBottom, BOX.top]);
  const path = line<number>()
    .x((_, i) => x(i))
    .y((v) => y(v))
    .curve(curveStepAfter);
  const stripW = Math.max(1, x(1) - x(0));
  // Fewer ticks where their labels would touch (a narrow column, presenter type).
  const xTicks = thin(integerTicks(x.ticks(8)), tickBudget(BOX.width - BOX.left - BOX.right, formatInteger(n).length, font));
  const yTicks = thin(integerTicks(y.ticks(6)), yTickBudget(plotBottom - BOX.top, font));
  const present = new Set(steps.map((s) => s.phase));
  const xs = counts.map((_, i) => x(i));
  const ys = counts.map((v) => y(v));
  // The reference lines' labels first (they are long), then the peak's beside its dot, clear of them.
  const placed: Rect[] = [];
  const labels = marks.map((m) => {
    const l = markLabel(g, `${m.label}: ${formatNumber(m.value)}`, y(m.value), placed, xs, ys, plotBottom);
    placed.push(l.box);
    return l;
  });
  const peakBox = peakLabelBox(g, x(peakAt), y(peak), `peak ${peak}`, peakAt > n / 2, placed, xs, ys);

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
        ref={size.ref}
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
        <Gridlines ys={yTicks.map(y)} left={BOX.left} right={BOX.width - BOX.right} />
        <Axis
          axis={axisBottom(x)
            .tickValues(xTicks)
            .tickFormat((v) => formatInteger(+v))}
          y={plotBottom}
        />
        <Axis
          axis={axisLeft(y)
            .tickValues(yTicks)
            .tickFormat((v) => formatInteger(+v))}
          x={BOX.left}
        />
        <AxisTitles
          x="step"
          y="live activations"
          xMid={(BOX.left + BOX.width - BOX.right) / 2}
          yMid={BOX.top + (plotBottom - BOX.top) / 2}
          height={BOX.height}
          font={font}
        />
        {marks.map((m, i) => {
          const label = labels[i] as MarkLabel;
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
              <text x={label.x} y={label.y} textAnchor={label.anchor} fill="var(--gf-muted)">
                {label.lines.map((l, k) => (
                  // a space ends every line but the last: the text reads as one label
                  <tspan key={l} x={label.x} dy={k === 0 ? 0 : `${LINE_EM}em`}>
                    {k < label.lines.length - 1 ? `${l} ` : l}
                  </tspan>
                ))}
              </text>
            </g>
          );
        })}
        <path d={path(counts) ?? ''} fill="none" stroke={PHASE_COLOUR.forward} strokeWidth={2.5} />
        <g data-testid="memory-peak">
          <circle cx={x(peakAt)} cy={y(peak)} r={5.5} fill={REFERENCE_COLOUR} />
          <text x={peakBox.anchorX} y={peakBox.baseline} textAnchor={peakBox.anchor} fontWeight={600}>
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
