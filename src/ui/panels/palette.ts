import type { Phase } from '../../engine/trace';

/** Okabe–Ito: distinguishable with colour-blindness, dark enough on white for thin lines. */
export const LINE_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'] as const;

export const lineColour = (i: number): string => LINE_COLOURS[i % LINE_COLOURS.length] as string;

/** Colours of the trace phases (memory timeline strip). */
export const PHASE_COLOURS: Record<Phase, string> = {
  forward: '#0072B2',
  seed: '#000000',
  backward: '#D55E00',
  free: '#8a8a8a',
  recompute: '#CC79A7',
};

/** Marks for a reference value (the analytic gradient, a peak). */
export const REFERENCE_COLOUR = '#B8002E';
