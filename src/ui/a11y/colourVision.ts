/**
 * Colour-vision-deficiency simulation for checking the palette (no DOM): Machado, Oliveira &
 * Fernandes (2009) matrices at full severity, applied in linear sRGB, and CIE76 ΔE in CIELAB.
 */
export type Rgb = readonly [number, number, number];
export type Deficiency = 'protanopia' | 'deuteranopia' | 'tritanopia';

type M3 = readonly [Rgb, Rgb, Rgb];
const MACHADO: Record<Deficiency, M3> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

export function parseHex(hex: string): Rgb {
  // regex: a #rrggbb colour from the palette, not graph data
  const m = /^#([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = Number.parseInt(m[1] as string, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toLinear = (c: number) => {
  const x = c / 255;
  return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
};
const toSrgb = (x: number) => {
  const c = Math.max(0, Math.min(1, x));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
};

/** How a colour looks to someone with the deficiency (sRGB 0–255 in, out). */
export function simulate(rgb: Rgb, d: Deficiency): Rgb {
  const lin = rgb.map(toLinear) as unknown as Rgb;
  const m = MACHADO[d];
  const row = (r: Rgb) => r[0] * lin[0] + r[1] * lin[1] + r[2] * lin[2];
  return [toSrgb(row(m[0])), toSrgb(row(m[1])), toSrgb(row(m[2]))];
}

/** sRGB (D65) → CIELAB. */
export function toLab(rgb: Rgb): Rgb {
  const [r, g, b] = rgb.map(toLinear) as unknown as Rgb;
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIE76 colour difference: about 2.3 is just noticeable; over 20 reads as different colours. */
export function deltaE(a: Rgb, b: Rgb): number {
  const p = toLab(a);
  const q = toLab(b);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** Smallest ΔE between any two of `colours`, as seen with `d` (or with typical vision). */
export function minDistance(colours: readonly Rgb[], d?: Deficiency): { distance: number; pair: [number, number] } {
  const seen = colours.map((c) => (d ? simulate(c, d) : c));
  let best = { distance: Number.POSITIVE_INFINITY, pair: [0, 0] as [number, number] };
  for (let i = 0; i < seen.length; i++)
    for (let j = i + 1; j < seen.length; j++) {
      const dist = deltaE(seen[i] as Rgb, seen[j] as Rgb);
      if (dist < best.distance) best = { distance: dist, pair: [i, j] };
    }
  return best;
}
