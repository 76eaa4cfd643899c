import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type Deficiency, deltaE, minDistance, parseHex, simulate } from '../../src/ui/a11y/colourVision';

/** The palette as the app ships it: the custom properties at the top of src/ui/styles.css. */
const css = readFileSync(resolve(import.meta.dirname, '../../src/ui/styles.css'), 'utf8');
const colour = (name: string) => {
  const m = new RegExp(`--gf-${name}:\\s*(#[0-9a-fA-F]{6})`).exec(css);
  if (!m) throw new Error(`--gf-${name} not found in styles.css`);
  return parseHex(m[1] as string);
};
const PHASES = ['forward', 'backward', 'memory', 'recompute'] as const;
const DEFICIENCIES: Deficiency[] = ['protanopia', 'deuteranopia', 'tritanopia'];
/** ΔE (CIE76) every pair of phase colours keeps, for every viewer. */
const MIN_PHASE_DISTANCE = 20;

describe('the phase colours survive colour-vision deficiencies (Machado 2009 simulation)', () => {
  test('the simulation is right where it must be: greys stay grey, red and green collapse for deuteranopes', () => {
    for (const d of DEFICIENCIES) {
      const g = simulate([128, 128, 128], d);
      for (const c of g) expect(c).toBeCloseTo(128, 0);
    }
    // A red and a green far apart for typical vision end up close: the check can fail.
    const red = parseHex('#d62728');
    const green = parseHex('#2ca02c');
    expect(deltaE(red, green)).toBeGreaterThan(80);
    expect(deltaE(simulate(red, 'deuteranopia'), simulate(green, 'deuteranopia'))).toBeLessThan(MIN_PHASE_DISTANCE);
  });

  test.each([undefined, ...DEFICIENCIES])('forward, backward, memory and recompute stay apart (%s)', (d) => {
    const { distance, pair } = minDistance(PHASES.map(colour), d);
    expect(distance, `${PHASES[pair[0]]} vs ${PHASES[pair[1]]}`).toBeGreaterThan(MIN_PHASE_DISTANCE);
  });
});
