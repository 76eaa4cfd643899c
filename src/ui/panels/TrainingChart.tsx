import { axisBottom, axisLeft, line, scaleLinear, scaleLog } from 'd3';
import type { Training } from '../../engine/exercise';
import { lineColour } from '../trace/palette';
import { Axis, AxisTitles, Gridlines } from './Axis';
import { chartFrame, textWidth, thin, tickBudget, useChartSize, yTickBudget } from './chartFrame';
import { formatNumber } from './format';
import { decadeDomain, decadeTicks, formatInteger, formatLogTick, integerTicks } from './frame';
import { Panel } from './Panel';
import { useProgress } from './useProgress';

export interface TrainingChartProps {
  /** blocks.training: precomputed loss histories (index 0 = before the first step). */
  training: Training;
  /** How long "Run training" takes to draw the whole run. */
  durationMs?: number;
}

/** Loss curves of one or more SGD runs, replayed progressively on demand. */
export function TrainingChart({ training, durationMs = 1500 }: TrainingChartProps) {
  const { progress, running, start } = useProgress(durationMs);
  const { runs } = training;
  // Drawn at its size on screen (one unit a pixel): margins from the text size.
  const size = useChartSize();
  const { width, font } = size;

  const longest = Math.max(1, ...runs.map((r) => r.losses.length));
  const all = runs.flatMap((r) => r.losses).filter(Number.isFinite);
  const lo = all.length ? Math.min(...all) : 0;
  const hi = all.length ? Math.max(...all) : 1;
  // Log scale when the loss falls by more than two decades: otherwise the tail is a flat line.
  const logY = lo > 0 && hi / lo > 100;
  const yFormat = (v: number) => (logY ? formatLogTick(v) : formatNumber(v));
  // The y ticks' labels size the left margin: candidates from the domain first.
  const yProbe = logY
    ? decadeTicks(lo, hi)
    : scaleLinear()
        .domain(lo === hi ? [lo - 1, hi + 1] : [Math.min(0, lo), hi])
        .nice(6)
        .ticks(6);
  const CHART = chartFrame(width, font, { yTickChars: Math.max(1, ...yProbe.map((t) => yFormat(t).length)) });
  const plotBottom = CHART.height - CHART.bottom;
  const x = scaleLinear()
    .domain([0, Math.max(1, longest - 1)])
    .range([CHART.left, width - CHART.right]);
  const y = logY
    ? scaleLog().domain(decadeDomain(lo, hi)).range([plotBottom, CHART.top])
    : scaleLinear()
        .domain(lo === hi ? [lo - 1, hi + 1] : [Math.min(0, lo), hi])
        .nice(6)
        .range([plotBottom, CHART.top]);
  const yBudget = yTickBudget(plotBottom - CHART.top, font);
  // Log: decades at a stride that keeps both ends labelled.
  const yTicks = logY ? decadeTicks(lo, hi, Math.min(7, yBudget)) : thin(y.ticks(6) as number[], yBudget);
  const xTicks = thin(integerTicks(x.ticks(8)), tickBudget(width - CHART.left - CHART.right, formatInteger(longest).length, font));

  /** Index of the last loss drawn for a run of n losses at the current progress. */
  const head = (n: number) => Math.round(progress * (n - 1));
  const path = line<number>()
    .defined((v) => Number.isFinite(v) && (!logY || v > 0))
    .x((_, i) => x(i))
    .y((v) => y(v));
  const started = running || progress > 0;
  const done = progress >= 1;
  // Floor, so 100% means done.
  const percent = Math.floor(progress * 100);

  return (
    <Panel kind="training" title="Training: loss per SGD step" subtitle={`${training.steps} SGD steps, learning rate η = ${training.lr}`}>
      <div className="gf-controls">
        <button type="button" className="gf-button" onClick={start} disabled={running}>
          {done ? 'Run again' : 'Run training'}
        </button>
        <div
          className="gf-progress"
          role="progressbar"
          aria-label="Training progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div style={{ width: `${percent}%` }} />
        </div>
        <span style={{ fontVariantNumeric: 'tabular-nums', minWidth: '3.5em', textAlign: 'right' }}>{`${percent}%`}</span>
      </div>
      {runs.length > 1 ? (
        <ul className="gf-legend" aria-label="Legend">
          {runs.map((r, i) => (
            <li key={r.label} style={{ color: lineColour(i) }}>
              <span className="gf-swatch" aria-hidden="true" />
              <span style={{ color: 'var(--gf-fg)' }}>{r.label}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <svg
        ref={size.ref}
        viewBox={`0 0 ${width} ${CHART.height}`}
        role="img"
        aria-label={`Loss against SGD step for ${runs.map((r) => r.label).join(', ')}${logY ? ', log scale' : ''}`}
      >
        <Gridlines ys={yTicks.map(y)} left={CHART.left} right={width - CHART.right} />
        <Axis
          axis={axisBottom(x)
            .tickValues(xTicks)
            .tickFormat((v) => formatInteger(+v))}
          y={plotBottom}
        />
        <Axis
          axis={axisLeft(y)
            .tickValues(yTicks)
            .tickFormat((v) => yFormat(+v))}
          x={CHART.left}
        />
        <AxisTitles
          x="SGD step"
          y={logY ? 'loss (log scale)' : 'loss'}
          xMid={(CHART.left + width - CHART.right) / 2}
          yMid={(CHART.top + plotBottom) / 2}
          height={CHART.height}
          font={font}
        />
        {started
          ? runs.map((r, i) => {
              const k = head(r.losses.length);
              const last = r.losses[k] as number;
              return (
                <g key={r.label} data-run={r.label} data-drawn={k + 1}>
                  <path
                    d={path(r.losses.slice(0, k + 1)) ?? ''}
                    fill="none"
                    stroke={lineColour(i)}
                    strokeWidth={r.losses.length > 60 ? 1.75 : 2.5}
                    strokeLinejoin="round"
                  />
                  {Number.isFinite(last) && (!logY || last > 0) ? <circle cx={x(k)} cy={y(last)} r={4} fill={lineColour(i)} /> : null}
                </g>
              );
            })
          : null}
        {started ? null : (
          <text x={(CHART.left + width - CHART.right) / 2} y={(CHART.top + plotBottom) / 2} textAnchor="middle" fill="var(--gf-muted)">
            {/* Two lines when one does not fit the plot. */}
            {textWidth('Press “Run training” to watch the loss fall.', font) > width - CHART.left - CHART.right ? (
              <>
                <tspan x={(CHART.left + width - CHART.right) / 2}>Press “Run training”</tspan>
                <tspan x={(CHART.left + width - CHART.right) / 2} dy="1.25em">
                  to watch the loss fall.
                </tspan>
              </>
            ) : (
              'Press “Run training” to watch the loss fall.'
            )}
          </text>
        )}
      </svg>
      <dl className="gf-facts" aria-live="polite" data-testid="training-losses">
        {started
          ? runs.map((r) => {
              const k = head(r.losses.length);
              return [
                <dt key={`${r.label}-dt`}>{done ? `final loss, ${r.label}` : `loss at step ${k}, ${r.label}`}</dt>,
                <dd key={`${r.label}-dd`} data-final={done ? 'true' : 'false'}>
                  {formatNumber(r.losses[k] as number)}
                </dd>,
              ];
            })
          : runs.map((r) => [
              <dt key={`${r.label}-dt`}>{`initial loss, ${r.label}`}</dt>,
              <dd key={`${r.label}-dd`}>{formatNumber(r.losses[0] as number)}</dd>,
            ])}
      </dl>
    </Panel>
  );
}
