/**
 * The explorer's one palette: canvas edges, the scrubber, lesson panels and SVG export take
 * their colours from here. Okabe–Ito hues: distinguishable with colour-blindness, dark enough
 * on white for thin lines.
 */

/** Trace phases (step kinds), the scrubber's segment kinds (`memory`) and edges nothing went along yet (`idle`). */
export const PHASE_COLOUR = {
  forward: '#0072B2',
  seed: '#000000',
  backward: '#D55E00',
  free: '#8a8a8a',
  memory: '#8a8a8a',
  recompute: '#CC79A7',
  idle: '#c4ccd6',
} as const;

/** Lines of a chart, in order. */
export const LINE_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'] as const;

export const lineColour = (i: number): string => LINE_COLOURS[i % LINE_COLOURS.length] as string;

/** Marks for a reference value (the analytic gradient, a peak). */
export const REFERENCE_COLOUR = '#B8002E';
