import { axisBottom, axisLeft, scaleLinear } from 'd3';
import type { Estimator, Fact } from '../../engine/blocks';
import { lineColour, REFERENCE_COLOUR } from '../trace/palette';
import { Axis } from './Axis';
import { textWidth, thin, tickBudget, useChartSize } from './chartFrame';
import { formatNumber } from './format';
import { formatInteger, integerTicks } from './frame';
import { histogram, sharedDomain } from './histogram';
import { Panel } from './Panel';

export interface EstimatorHistogramProps {
  /** blocks.estimators: each estimator's per-sample values, mean and variance. */
  estimators: readonly Estimator[];
  /** blocks.estimatorTarget: what they estimate (the analytic gradient), marked on every row. */
  target?: Fact;
}

/** Histograms of per-sample estimator values on one x axis, the analytic gradient marked. */
export function EstimatorHistogram({ estimators, target }: EstimatorHistogramProps) {
  // Drawn at its size on screen (one unit a pixel): margins and rows from the text size.
  const size = useChartSize();
  const { width: W, font } = size;
  const line = font * 1.25;
  const maxCount = Math.max(1, ...estimators.map((e) => e.samples.length));
  const LEFT = Math.ceil(textWidth(formatInteger(maxCount), font) + 12);
  const RIGHT = Math.ceil(font * 1.6);
  // A row's title on one line when it fits, else its numbers on a second line.
  const titleOf = (e: Estimator) => ({ name: e.label, numbers: `n = ${e.samples.length} · variance ${formatNumber(e.variance)}` });
  const twoLines = estimators.some((e) => {
    const t = titleOf(e);
    return textWidth(`${t.name}  ${t.numbers}`, font) > W - LEFT;
  });
  const TOP = Math.ceil(line * (twoLines ? 2 : 1) + 6);
  const ROW = Math.max(Math.ceil(line * 4), Math.round((W - LEFT - RIGHT) * 0.3));
  const ROW_GAP = TOP + 4;
  const BOTTOM = Math.ceil(line * 2 + 12);
  const analytic = target?.value;
  const marks = [analytic, ...estimators.map((e) => e.mean)].filter((v): v is number => v !== undefined && Number.isFinite(v));
  const domain = sharedDomain(
    estimators.map((e) => e.samples),
    marks,
  );
  const x = scaleLinear()
    .domain(domain)
    .range([LEFT, W - RIGHT]);
  const height = TOP + estimators.length * (ROW + ROW_GAP) - ROW_GAP + BOTTOM;
  const plotBottom = height - BOTTOM;
  // Target first, then every mean, then every variance (the order the lesson's numbers are read in).
  const facts: Fact[] = [
    ...(target ? [target] : []),
    ...estimators.map((e) => ({ label: `mean, ${e.label}`, value: e.mean })),
    ...estimators.map((e) => ({ label: `variance, ${e.label}`, value: e.variance })),
  ];

  return (
    <Panel
      kind="estimator"
      title="Gradient estimators: per-sample values"
      subtitle="Each sample gives one noisy estimate of ∂J/∂θ; their mean estimates the gradient. A baseline leaves the mean alone and narrows the spread."
    >
      <ul className="gf-legend" aria-label="Legend">
        <li style={{ color: REFERENCE_COLOUR }}>
          <span className="gf-swatch gf-swatch-dots" aria-hidden="true" />
          <span style={{ color: 'var(--gf-fg)' }}>{target?.label ?? 'analytic gradient'}</span>
        </li>
        <li>
          <span className="gf-swatch" aria-hidden="true" />
          <span>mean of the estimator</span>
        </li>
      </ul>
      <svg
        ref={size.ref}
        viewBox={`0 0 ${W} ${height}`}
        role="img"
        aria-label={`Histograms of ${estimators.map((e) => e.label).join(' and ')} estimates`}
      >
        {estimators.map((e, r) => {
          const values = e.samples;
          const bins = histogram(values, domain);
          const top = TOP + r * (ROW + ROW_GAP);
          const y = scaleLinear()
            .domain([0, Math.max(1, ...bins.map((b) => b.count))])
            .nice(4)
            .range([top + ROW, top]);
          const { mean } = e;
          const title = titleOf(e);
          return (
            <g key={e.name} data-estimator={e.name} data-samples={values.length}>
              <text x={0} y={top - 6 - (twoLines ? line : 0)}>
                <tspan fontWeight={600}>{title.name}</tspan>
                <tspan fill="var(--gf-muted)" {...(twoLines ? { x: 0, dy: line } : {})}>{`  ${title.numbers}`}</tspan>
              </text>
              <Axis
                axis={axisLeft(y)
                  .tickValues(thin(integerTicks(y.ticks(3)), Math.max(2, Math.floor(ROW / (font * 1.6)))))
                  .tickFormat((v) => formatInteger(+v))}
                x={LEFT}
              />
              <line x1={LEFT} x2={W - RIGHT} y1={top + ROW} y2={top + ROW} stroke="var(--gf-muted)" />
              {bins.map((b) =>
                b.count > 0 ? (
                  <rect
                    key={b.x0}
                    data-count={b.count}
                    x={x(b.x0) + 0.5}
                    width={Math.max(1.5, x(b.x1) - x(b.x0) - 1)}
                    y={y(b.count)}
                    height={top + ROW - y(b.count)}
                    fill={lineColour(r)}
                  >
                    <title>{`${formatNumber(b.x0)} … ${formatNumber(b.x1)}: ${b.count}`}</title>
                  </rect>
                ) : null,
              )}
              {Number.isFinite(mean) ? (
                <g data-mark="mean">
                  <line x1={x(mean)} x2={x(mean)} y1={top} y2={top + ROW} stroke="var(--gf-fg)" strokeWidth={2} />
                  {/* Right of its line, or left of it where the label would leave the chart. */}
                  <text
                    {...(x(mean) + 5 + textWidth(`mean ${formatNumber(mean)}`, font) > W
                      ? { x: x(mean) - 5, textAnchor: 'end' }
                      : { x: x(mean) + 5 })}
                    y={top + font}
                  >
                    {`mean ${formatNumber(mean)}`}
                  </text>
                </g>
              ) : null}
              {analytic !== undefined && Number.isFinite(analytic) ? (
                <line
                  x1={x(analytic)}
                  x2={x(analytic)}
                  y1={top}
                  y2={top + ROW}
                  stroke={REFERENCE_COLOUR}
                  strokeWidth={2}
                  strokeDasharray="5 4"
                />
              ) : null}
            </g>
          );
        })}
        {analytic !== undefined && Number.isFinite(analytic) ? (
          <g data-mark="analytic">
            <text
              {...(x(analytic) - 6 - textWidth(`analytic ${formatNumber(analytic)}`, font) < 0
                ? { x: x(analytic) + 6 }
                : { x: x(analytic) - 6, textAnchor: 'end' as const })}
              y={TOP + font}
              fill={REFERENCE_COLOUR}
              fontWeight={600}
            >
              {`analytic ${formatNumber(analytic)}`}
            </text>
          </g>
        ) : null}
        <Axis
          axis={axisBottom(x)
            .tickValues(thin(x.ticks(8), tickBudget(W - LEFT - RIGHT, Math.max(1, ...x.ticks(8).map((t) => formatNumber(t).length)), font)))
            .tickFormat((v) => formatNumber(+v))}
          y={plotBottom}
        />
        <text className="gf-axis-label" x={(LEFT + W - RIGHT) / 2} y={height - Math.round(font * 0.35)} textAnchor="middle">
          per-sample estimate of ∂J/∂θ
        </text>
      </svg>
      <dl className="gf-facts" data-testid="estimates">
        {facts.map((f) => [<dt key={`${f.label}-dt`}>{f.label}</dt>, <dd key={`${f.label}-dd`}>{formatNumber(f.value)}</dd>])}
      </dl>
    </Panel>
  );
}
