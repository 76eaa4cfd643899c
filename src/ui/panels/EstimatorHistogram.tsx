import { axisBottom, axisLeft, scaleLinear } from 'd3';
import { Axis } from './Axis';
import { formatNumber, humanizeKey } from './format';
import { formatInteger, integerTicks } from './frame';
import { histogram, sharedDomain } from './histogram';
import { Panel } from './Panel';
import { lineColour, REFERENCE_COLOUR } from './palette';

export interface EstimatorHistogramProps {
  /** blocks.estimatorSamples: per-sample gradient estimates by estimator name. */
  samples: Readonly<Record<string, number[]>>;
  /** blocks.estimates: `analytic`, each estimator's mean under its own name, `variance_<name>`. */
  estimates?: Readonly<Record<string, number>>;
}

const DISPLAY: Record<string, string> = { reinforce: 'REINFORCE', reinforce_baseline: 'REINFORCE with baseline' };
const displayName = (key: string) => DISPLAY[key] ?? humanizeKey(key);

/** The variance key of an estimator: `variance_reinforce`, and `variance_baseline` for `reinforce_baseline`. */
const varianceKeys = (name: string) => [`variance_${name}`, `variance_${name.split('_').slice(1).join('_')}`];

/** Readable label of an `estimates` entry. */
function estimateLabel(key: string, names: readonly string[]): string {
  if (key === 'analytic') return 'analytic gradient';
  if (!key.startsWith('variance_')) return `mean, ${displayName(key)}`;
  const owner = names.find((n) => varianceKeys(n).includes(key));
  return `variance, ${owner ? displayName(owner) : humanizeKey(key.slice(9))}`;
}

const W = 460;
const LEFT = 52;
const RIGHT = 16;
const ROW = 110;
const ROW_GAP = 36;
const TOP = 24;
const BOTTOM = 46;

/** Histograms of per-sample estimator values on one x axis, the analytic gradient marked. */
export function EstimatorHistogram({ samples, estimates = {} }: EstimatorHistogramProps) {
  const names = Object.keys(samples);
  const analytic = estimates.analytic;
  const marks = [analytic, ...names.map((n) => estimates[n])].filter((v): v is number => v !== undefined && Number.isFinite(v));
  const domain = sharedDomain(
    names.map((n) => samples[n] ?? []),
    marks,
  );
  const x = scaleLinear()
    .domain(domain)
    .range([LEFT, W - RIGHT]);
  const height = TOP + names.length * (ROW + ROW_GAP) - ROW_GAP + BOTTOM;
  const plotBottom = height - BOTTOM;

  return (
    <Panel
      kind="estimator"
      title="Gradient estimators: per-sample values"
      subtitle="Each sample gives one noisy estimate of ∂J/∂θ; their mean estimates the gradient. A baseline leaves the mean alone and narrows the spread."
    >
      <ul className="gf-legend" aria-label="Legend">
        <li style={{ color: REFERENCE_COLOUR }}>
          <span className="gf-swatch gf-swatch-dots" aria-hidden="true" />
          <span style={{ color: 'var(--gf-fg)' }}>analytic gradient</span>
        </li>
        <li>
          <span className="gf-swatch" aria-hidden="true" />
          <span>mean of the estimator</span>
        </li>
      </ul>
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={`Histograms of ${names.map(displayName).join(' and ')} estimates`}>
        {names.map((name, r) => {
          const values = samples[name] ?? [];
          const bins = histogram(values, domain);
          const top = TOP + r * (ROW + ROW_GAP);
          const y = scaleLinear()
            .domain([0, Math.max(1, ...bins.map((b) => b.count))])
            .nice(4)
            .range([top + ROW, top]);
          const mean = estimates[name];
          const variance = varianceKeys(name)
            .map((k) => estimates[k])
            .find((v) => v !== undefined);
          return (
            <g key={name} data-estimator={name} data-samples={values.length}>
              <text x={LEFT} y={top - 8} fontSize={13}>
                <tspan fontWeight={600}>{displayName(name)}</tspan>
                <tspan fill="var(--gf-muted)">{`  n = ${values.length}${variance !== undefined ? ` · variance ${formatNumber(variance)}` : ''}`}</tspan>
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
              {mean !== undefined && Number.isFinite(mean) ? (
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
        {Object.entries(estimates).map(([k, v]) => [
          <dt key={`${k}-dt`}>{estimateLabel(k, names)}</dt>,
          <dd key={`${k}-dd`}>{formatNumber(v)}</dd>,
        ])}
      </dl>
    </Panel>
  );
}
