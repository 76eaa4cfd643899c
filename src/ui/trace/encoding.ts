import { interpolateLab, interpolatePuOr, interpolateRdBu, scaleLog } from 'd3';
import { PHASE_COLOUR } from './palette';

/**
 * Visual encodings, all pure. Gradient edges use a LOG scale of the norm, relative to the
 * largest gradient in the trace, so a vanishing gradient fades to a hairline.
 */

/** Decades below the trace's largest gradient that still get visible width. */
export const GRAD_DECADES = 6;

export interface EdgeStyle {
  width: number;
  colour: string;
  opacity: number;
  /** Particles moving along the active edge (density). */
  particles: number;
  /** Seconds for one particle to travel the edge (speed). */
  duration: number;
}

/** Tensor gradients: light to dark orange by norm. */
const tensorRamp = interpolateLab('#f2c6a0', '#7a2800');

export interface GradEncoder {
  /** Position of `norm` on the log scale: 0 (vanishing or zero) … 1 (the trace's largest). */
  level(norm: number): number;
  style(norm: number, sign: -1 | 0 | 1 | null): EdgeStyle;
}

export function gradEncoder(maxNorm: number): GradEncoder {
  const hi = maxNorm > 0 && Number.isFinite(maxNorm) ? maxNorm : 1;
  const log = scaleLog()
    .domain([hi * 10 ** -GRAD_DECADES, hi])
    .range([0, 1])
    .clamp(true);
  const level = (n: number) => (n > 0 && Number.isFinite(n) ? log(n) : Number.isFinite(n) ? 0 : 1);
  return {
    level,
    style(n, sign) {
      const t = level(n);
      // Scalars: diverging by sign (orange +, purple −), intensity by magnitude.
      const colour =
        sign === null ? tensorRamp(t) : sign === 0 ? '#9aa3ad' : interpolatePuOr(0.5 + (sign > 0 ? 1 : -1) * (0.22 + 0.28 * t));
      return {
        width: 0.5 + 7 * t,
        colour,
        opacity: 0.35 + 0.65 * t,
        particles: 1 + Math.round(2 * t),
        duration: 2.4 - 1.5 * t,
      };
    },
  };
}

export const FORWARD_STYLE: EdgeStyle = { width: 2, colour: PHASE_COLOUR.forward, opacity: 0.85, particles: 2, duration: 1.4 };
export const IDLE_STYLE: EdgeStyle = { width: 1.2, colour: PHASE_COLOUR.idle, opacity: 1, particles: 0, duration: 0 };

/** Heatmap cell colour: blue negative, white zero, red positive, symmetric around 0. */
export function heatColour(v: number, maxAbs: number): string {
  if (!Number.isFinite(v)) return '#000000';
  const m = maxAbs > 0 ? maxAbs : 1;
  // RdBu runs red (0) → blue (1).
  return interpolateRdBu(0.5 - 0.5 * Math.max(-1, Math.min(1, v / m)));
}

/** Relative luminance of a `rgb(...)`/`#rrggbb` colour (tests check monotone encodings). */
export function luminance(colour: string): number {
  let r: number;
  let g: number;
  let b: number;
  // regex: a colour string d3 made
  const m = colour.match(/rgb\((\d+),\s*(\d+),\s*(\d+)\)/);
  if (m) [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    const hex = colour.replace('#', '');
    [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  }
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
