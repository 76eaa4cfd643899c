import { bin, extent, scaleLinear } from 'd3';

export interface Bin {
  x0: number;
  x1: number;
  count: number;
}

/** A shared x domain for several sample sets (and reference marks), padded when all values coincide. */
export function sharedDomain(sets: readonly (readonly number[])[], marks: readonly number[] = []): [number, number] {
  const values = [...sets.flat(), ...marks].filter(Number.isFinite);
  let [lo, hi] = values.length ? (extent(values) as [number, number]) : [0, 1];
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  return scaleLinear().domain([lo, hi]).nice(10).domain() as [number, number];
}

/** Counts of finite samples in about `count` equal bins over `domain` (the top edge is inclusive). */
export function histogram(samples: readonly number[], domain: [number, number], count = 30): Bin[] {
  const thresholds = scaleLinear().domain(domain).ticks(count);
  const bins = bin().domain(domain).thresholds(thresholds)(samples.filter(Number.isFinite));
  return bins.map((b) => ({ x0: b.x0 as number, x1: b.x1 as number, count: b.length }));
}
