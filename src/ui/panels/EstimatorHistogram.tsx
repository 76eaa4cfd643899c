import { axisBottom, axisLeft, scaleLinear } from 'd3';
import type { Estimator, Fact } from '../../engine/blocks';
import { lineColour, REFERENCE_COLOUR } from '../trace/palette';
import { Axis } from './Axis';
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

const W = 460;
const LEFT = 52;
const RIGHT = 16;
const ROW = 110;
const ROW_GAP = 36;
const TOP = 24;
const BOTTOM = 46;

/** Histograms of per-sample estimator values on one x axis, the analytic gradient marked. */
export function EstimatorHistogram({ estimators, target }: EstimatorHistogramProps) {
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
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={`Histograms of ${estimators.map((e) => e.label).join(' and ')} estimates`}>
        {estimators.map((e, r) => {
          const values = e.samples;
          const bins = histogram(values, domain);
          const top = TOP + r * (ROW + ROW_GAP);
          const y = scaleLinear()
            .domain([0, Math.max(1, ...bins.map((b) => b.count))])
            .nice(4)
            .range([top + ROW, top]);
          const { mean, variance } = e;
          return (
            <g key={e.name} data-estimator={e.name} data-samples={values.length}>
              <text x={LEFT} y={top - 8} fontSize={13}>
                <tspan fontWeight={600}>{e.label}</tspan>
                <tspan fill="var(--gf-muted)">{`  n = ${values.length} · variance ${formatNumber(variance)}`}</tspan>
              </text>
              <Axis
                axis={axisLeft(y)
                  .tickValues(integerTicks(y.ticks(3)))
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
                  <text x={x(mean) + 5} y={top + 12} fontSize={12}>
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
            <text x={x(analytic) - 6} y={TOP + 12} textAnchor="end" fontSize={12.5} fill={REFERENCE_COLOUR} fontWeight={600}>
              {`analytic ${formatNumber(analytic)}`}
            </text>
          </g>
        ) : null}
        <Axis
          axis={axisBottom(x)
            .ticks(8)
            .tickFormat((v) => formatNumber(+v))}
          y={plotBottom}
        />
        <text className="gf-axis-label" x={(LEFT + W - RIGHT) / 2} y={height - 8} textAnchor="middle">
          per-sample estimate of ∂J/∂θ
        </text>
      </svg>
      <dl className="gf-facts" data-testid="estimates">
        {facts.map((f) => [<dt key={`${f.label}-dt`}>{f.label}</dt>, <dd key={`${f.label}-dd`}>{formatNumber(f.value)}</dd>])}
      </dl>
    </Panel>
  );
}
