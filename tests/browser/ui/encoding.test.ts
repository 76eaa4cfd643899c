import { describe, expect, test } from 'vitest';
import { GRAD_DECADES, gradEncoder, heatColour, luminance } from '../../../src/ui/trace/encoding';

describe('gradient edge encoding (log scale of the norm)', () => {
  const enc = gradEncoder(10);
  const norms = [0, 1e-9, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1, 10];

  test('width is monotone in the norm and a vanishing gradient is a hairline', () => {
    const widths = norms.map((n) => enc.style(n, null).width);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeGreaterThanOrEqual(widths[i - 1] as number);
    expect(widths[0]).toBeCloseTo(0.5, 6);
    // more than GRAD_DECADES below the largest gradient: clamped to the hairline
    expect(enc.style(10 * 10 ** -(GRAD_DECADES + 1), null).width).toBeCloseTo(0.5, 6);
    expect(enc.style(10, null).width).toBeCloseTo(7.5, 6);
    // one decade = one sixth of the range: log, not linear
    expect(enc.style(1, null).width - enc.style(0.1, null).width).toBeCloseTo(7 / GRAD_DECADES, 5);
  });

  test('tensor colour darkens as the norm grows', () => {
    const lum = norms.slice(1).map((n) => luminance(enc.style(n, null).colour));
    for (let i = 1; i < lum.length; i++) expect(lum[i]).toBeLessThanOrEqual((lum[i - 1] as number) + 1e-12);
    expect(lum[0] as number).toBeGreaterThan((lum[lum.length - 1] as number) * 3);
  });

  test('scalar gradients: colour by sign (orange +, purple −), intensity by magnitude', () => {
    const pos = enc.style(1, 1).colour;
    const neg = enc.style(1, -1).colour;
    expect(pos).not.toBe(neg);
    const rgb = (c: string) => (c.match(/\d+/g) ?? []).map(Number);
    const [pr, , pb] = rgb(pos);
    const [nr, , nb] = rgb(neg);
    expect(pr as number).toBeGreaterThan(pb as number); // orange: red > blue
    expect(nb as number).toBeGreaterThan(nr as number); // purple: blue > red
    expect(luminance(enc.style(10, -1).colour)).toBeLessThan(luminance(enc.style(1e-4, -1).colour));
  });

  test('speed and density grow with the norm', () => {
    expect(enc.style(10, null).duration).toBeLessThan(enc.style(1e-4, null).duration);
    expect(enc.style(10, null).particles).toBeGreaterThan(enc.style(1e-5, null).particles);
  });

  test('a trace with no gradient (all zero) still has a usable scale', () => {
    const zero = gradEncoder(0);
    expect(Number.isFinite(zero.style(0, null).width)).toBe(true);
    expect(zero.level(1)).toBe(1);
  });
});

describe('heatmap colours', () => {
  test('red for positive, blue for negative, white-ish at zero, symmetric', () => {
    const rgb = (c: string) => (c.match(/\d+/g) ?? []).map(Number) as [number, number, number];
    const [r1, , b1] = rgb(heatColour(1, 1));
    const [r2, , b2] = rgb(heatColour(-1, 1));
    expect(r1).toBeGreaterThan(b1);
    expect(b2).toBeGreaterThan(r2);
    expect(luminance(heatColour(0, 1))).toBeGreaterThan(0.85);
    expect(heatColour(Number.NaN, 1)).toBe('#000000');
  });
});
