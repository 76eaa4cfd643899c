import { axisBottom, axisLeft, extent, line, type ScaleLinear, type ScaleLogarithmic, scaleLinear, scaleLog } from 'd3';
import { useMemo, useState } from 'react';
import type { Series, SeriesLine } from '../../engine/blocks';
import { lineColour } from '../trace/palette';
import { Axis, AxisTitles, Gridlines } from './Axis';
import { chartFrame, thin, tickBudget, useChartSize, yTickBudget } from './chartFrame';
import { formatNumber } from './format';
import { decadeDomain, decadeTicks, formatInteger, formatLogTick, integerTicks } from './frame';
import { Panel } from './Panel';

export interface SeriesChartProps {
  series: Series;
  /** Node ids by layer tag (`NodeModel.layer`): lets x = k link to layer k's nodes. */
  layers?: ReadonlyMap<number, readonly string[]>;
  /** Hovering a point whose x is a layer index lights that layer's nodes; null on leave. */
  onHighlight?: (nodeIds: string[] | null) => void;
}

/** Finite-difference lines are drawn as dots over the engine's solid line of the same colour. */
const isFiniteDifference = (l: SeriesLine) => l.method === 'finite-differences';

/** What a line measures: an engine line and its finite-difference check share a colour. */
const quantityOf = (l: SeriesLine) => l.quantity ?? l.label;

type YScale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;

/** The y scale over the series (its range set later, once the margins are known) and its candidate ticks. */
function yScale(series: Series): { y: YScale; ticks: number[]; dropped: number; ticksFor: (max: number) => number[] } {
  const range: [number, number] = [1, 0];
  const all = series.lines.flatMap((l) => l.y).filter(Number.isFinite);
  if (series.logY) {
    const positive = all.filter((v) => v > 0);
    const dropped = series.lines.reduce((n, l) => n + l.y.filter((v) => !(v > 0 && Number.isFinite(v))).length, 0);
    const [lo, hi] = positive.length ? (extent(positive) as [number, number]) : [1e-3, 1];
    return {
      y: scaleLog().domain(decadeDomain(lo, hi)).range(range),
      ticks: decadeTicks(lo, hi),
      dropped,
      // Decades at a stride that keeps both ends labelled.
      ticksFor: (max) => decadeTicks(lo, hi, Math.min(7, max)),
    };
  }
  let [lo, hi] = all.length ? (extent(all) as [number, number]) : [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const y = scaleLinear().domain([lo, hi]).nice(6).range(range);
  return { y, ticks: y.ticks(6), dropped: 0, ticksFor: (max) => thin(y.ticks(6), max) };
}

/** A lesson curve (blocks.series): one or more lines over x, linear or log y. */
export function SeriesChart({ series, layers, onHighlight }: SeriesChartProps) {
  const [hover, setHover] = useState<number | null>(null);
  const { x: xs, lines } = series;
  const size = useChartSize();
  const { width, font } = size;
  const integral = xs.length > 0 && xs.every(Number.isInteger);
  const xFormat = (v: number) => (integral ? formatInteger(v) : formatNumber(v));
  const yFormat = (v: number) => (series.logY ? formatLogTick(v) : formatNumber(v));

  const geometry = (() => {
    // The y ticks' labels first: the left margin is sized to hold the widest.
    const ys = yScale(series);
    const chars = (ts: readonly number[], f: (v: number) => string) => Math.max(1, ...ts.map((t) => f(t).length));
    const frame = chartFrame(width, font, { yTickChars: chars(ys.ticks, yFormat) });
    ys.y.range([frame.height - frame.bottom, frame.top]);
    const yTicks = ys.ticksFor(yTickBudget(frame.height - frame.bottom - frame.top, font));
    let [x0, x1] = xs.length ? (extent(xs) as [number, number]) : [0, 1];
    if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
    const x = scaleLinear()
      .domain([x0, x1])
      .range([frame.left, width - frame.right]);
    const candidates = integral ? integerTicks(x.ticks(Math.min(10, xs.length))) : x.ticks(7);
    // Fewer ticks where their labels would touch (a narrow column, presenter type).
    const xTicks = thin(candidates, tickBudget(width - frame.left - frame.right, chars(candidates, xFormat), font));
    return { frame, x, xTicks, y: ys.y, ticks: yTicks, dropped: ys.dropped };
  })();
  const { frame: CHART, x, y, xTicks, ticks: yTicks, dropped } = geometry;

  // Layer ids per point; the chart is linked to the canvas when any point has some.
  const layerIds = useMemo(() => xs.map((v) => [...(layers?.get(v) ?? [])]), [xs, layers]);
  const linked = !!onHighlight && layerIds.some((ids) => ids.length > 0);

  const keys = [...new Set(lines.map(quantityOf))];
  const colourOf = (l: SeriesLine) => lineColour(keys.indexOf(quantityOf(l)));
  const defined = (v: number) => Number.isFinite(v) && (!series.logY || v > 0);
  const path = line<number>()
    .defined((v) => defined(v))
    .x((_, i) => x(xs[i] as number))
    .y((v) => y(v));
  const dots = xs.length <= 25;

  const enter = (i: number) => {
    setHover(i);
    if (linked) onHighlight?.(layerIds[i] ?? []);
  };
  const leave = () => {
    setHover(null);
    if (linked) onHighlight?.(null);
  };

  // Hit columns: from halfway to the previous x to halfway to the next.
  const edges = xs.map((v, i) => {
    const prev = i > 0 ? (xs[i - 1] as number) : v;
    const next = i < xs.length - 1 ? (xs[i + 1] as number) : v;
    return [x((prev + v) / 2), x((v + next) / 2)] as const;
  });
  const plotBottom = CHART.height - CHART.bottom;
  const pointLabel = (i: number) =>
    `${series.xLabel} = ${formatNumber(xs[i] as number)} · ${lines.map((l) => `${l.label}: ${formatNumber(l.y[i] as number)}`).join(' · ')}${
      linked && layerIds[i]?.length ? ` · nodes ${layerIds[i]?.join(', ')}` : ''
    }`;
  const label = `${series.title}: ${series.yLabel} against ${series.xLabel}${series.logY ? ', log scale' : ''}, ${lines.length} line${lines.length === 1 ? '' : 's'}`;

  return (
    <Panel kind="series" title={series.title} subtitle={linked ? 'Hover a point to light up that layer in the graph.' : undefined}>
      <ul className="gf-legend" aria-label="Legend">
        {lines.map((l) => (
          <li key={l.label} style={{ color: colourOf(l) }}>
            <span className={isFiniteDifference(l) ? 'gf-swatch gf-swatch-dots' : 'gf-swatch'} aria-hidden="true" />
            <span style={{ color: 'var(--gf-fg)' }}>{l.label}</span>
          </li>
        ))}
      </ul>
      <svg
        ref={size.ref}
        viewBox={`0 0 ${width} ${CHART.height}`}
        role={linked ? 'group' : 'img'}
        aria-label={label}
        data-log-y={series.logY ? 'true' : 'false'}
      >
        <Gridlines ys={yTicks.map(y)} left={CHART.left} right={width - CHART.right} />
        <Axis
          axis={axisBottom(x)
            .tickValues(xTicks)
            .tickFormat((v) => xFormat(+v))}
          y={plotBottom}
        />
        <Axis
          axis={axisLeft(y)
            .tickValues(yTicks)
            .tickFormat((v) => yFormat(+v))}
          x={CHART.left}
        />
        <AxisTitles
          x={series.xLabel}
          y={series.yLabel}
          xMid={(CHART.left + width - CHART.right) / 2}
          yMid={(CHART.top + CHART.height - CHART.bottom) / 2}
          height={CHART.height}
          font={font}
        />
        {hover !== null ? (
          <line
            x1={x(xs[hover] as number)}
            x2={x(xs[hover] as number)}
            y1={CHART.top}
            y2={plotBottom}
            stroke="var(--gf-muted)"
            strokeDasharray="3 3"
          />
        ) : null}
        {lines.map((l) => {
          const colour = colourOf(l);
          const fd = isFiniteDifference(l);
          return (
            <g key={l.label} data-line={l.label} data-method={l.method}>
              {fd ? null : <path d={path(l.y) ?? ''} fill="none" stroke={colour} strokeWidth={2.5} strokeLinejoin="round" />}
              {fd || dots
                ? l.y.map((v, i) =>
                    defined(v) ? (
                      <circle
                        // biome-ignore lint/suspicious/noArrayIndexKey: points are positional
                        key={i}
                        cx={x(xs[i] as number)}
                        cy={y(v)}
                        r={hover === i ? 5.5 : fd ? 3.5 : 3}
                        fill={fd ? 'var(--gf-bg)' : colour}
                        stroke={colour}
                        strokeWidth={fd ? 1.8 : 1}
                      />
                    ) : null,
                  )
                : null}
            </g>
          );
        })}
        <g>
          {edges.map(([a, b], i) => (
            // Hover/focus targets that describe their point; they trigger no action of their own.
            // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a described chart point, not a control
            <rect
              // biome-ignore lint/suspicious/noArrayIndexKey: one column per x
              key={i}
              className="gf-hit"
              data-x={xs[i]}
              x={Math.min(a, b)}
              width={Math.max(Math.abs(b - a), 1)}
              y={CHART.top}
              height={plotBottom - CHART.top}
              tabIndex={linked ? 0 : undefined}
              role="img"
              aria-label={pointLabel(i)}
              onMouseEnter={() => enter(i)}
              onMouseLeave={leave}
              onFocus={() => enter(i)}
              onBlur={leave}
            />
          ))}
        </g>
      </svg>
      <p className="gf-readout" aria-live="polite">
        {hover !== null ? pointLabel(hover) : ''}
      </p>
      {dropped > 0 ? (
        <p className="gf-note">
          {dropped} value{dropped === 1 ? ' is' : 's are'} zero or negative and cannot appear on the log scale.
        </p>
      ) : null}
    </Panel>
  );
}
