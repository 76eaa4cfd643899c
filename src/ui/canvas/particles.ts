/**
 * Particles that move along the active edges. Edges only register what should move; one
 * canvas (ParticleLayer) draws them all in a single animation loop. This replaces one SVG
 * animation per particle, which made the browser repaint the whole edge layer every frame.
 */

export interface ParticleSpec {
  /** SVG path of the edge, in flow coordinates. */
  path: string;
  colour: string;
  radius: number;
  /** Particles on the edge at once (density). */
  count: number;
  /** Seconds for one particle to travel the edge (speed). */
  duration: number;
  /** Travel target → source: a gradient flowing back toward the inputs. */
  reverse: boolean;
}

/** Active particle edges of one React Flow instance. */
export class ParticleRegistry {
  readonly specs = new Map<string, ParticleSpec>();
  private readonly listeners = new Set<() => void>();

  set(id: string, spec: ParticleSpec): void {
    this.specs.set(id, spec);
    this.emit();
  }

  delete(id: string): void {
    if (this.specs.delete(id)) this.emit();
  }

  subscribe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

// One registry per React Flow store, so several canvases on a page never share particles.
// Keyed by the store's getState function: useStoreApi() wraps the store in a new object per
// component, but getState is the store's own, the same for every component of one flow.
const registries = new WeakMap<object, ParticleRegistry>();

export function registryFor(flowStore: object): ParticleRegistry {
  let r = registries.get(flowStore);
  if (!r) {
    r = new ParticleRegistry();
    registries.set(flowStore, r);
  }
  return r;
}

const SAMPLES = 32;
/** Points per curved segment when measuring a path (a bezier between two nodes is smooth). */
const FLATTEN = 24;
const samplesCache = new Map<string, Float32Array>();

/**
 * A polyline through the path (flow coordinates), for the commands edges draw: absolute M, L,
 * C, Q (edgePath's beziers and rounded orthogonal routes). Null for anything else.
 */
function flatten(d: string): number[] | null {
  // regex: an SVG path's command letters and numbers (a path string we wrote ourselves)
  const tokens = d.match(/[A-Za-z]|-?\d*\.?\d+(?:e[-+]?\d+)?/g);
  if (!tokens) return null;
  const out: number[] = [];
  let i = 0;
  let x = 0;
  let y = 0;
  const num = () => Number(tokens[i++]);
  let cmd = '';
  while (i < tokens.length) {
    const t = tokens[i] as string;
    // regex: is this path token a command letter (or a number)
    if (/[A-Za-z]/.test(t)) {
      cmd = t;
      i++;
    }
    if (cmd === 'M' || cmd === 'L') {
      x = num();
      y = num();
      out.push(x, y);
      if (cmd === 'M') cmd = 'L';
    } else if (cmd === 'C' || cmd === 'Q') {
      const cubic = cmd === 'C';
      const x1 = num();
      const y1 = num();
      const x2 = cubic ? num() : x1;
      const y2 = cubic ? num() : y1;
      const ex = num();
      const ey = num();
      for (let k = 1; k <= FLATTEN; k++) {
        const u = k / FLATTEN;
        const v = 1 - u;
        if (cubic) {
          out.push(
            v * v * v * x + 3 * v * v * u * x1 + 3 * v * u * u * x2 + u * u * u * ex,
            v * v * v * y + 3 * v * v * u * y1 + 3 * v * u * u * y2 + u * u * u * ey,
          );
        } else out.push(v * v * x + 2 * v * u * x1 + u * u * ex, v * v * y + 2 * v * u * y1 + u * u * ey);
      }
      x = ex;
      y = ey;
    } else return null;
  }
  return out.length >= 2 && out.every(Number.isFinite) ? out : null;
}

let probe: SVGPathElement | null = null;

/** The browser's own measure of a path, for commands flatten() does not read. */
function measured(d: string): Float32Array {
  if (!probe) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('aria-hidden', 'true');
    svg.style.cssText = 'position:absolute;width:0;height:0;overflow:hidden';
    probe = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    svg.appendChild(probe);
    document.body.appendChild(svg);
  }
  probe.setAttribute('d', d);
  const len = probe.getTotalLength();
  const out = new Float32Array(2 * (SAMPLES + 1));
  for (let i = 0; i <= SAMPLES; i++) {
    const p = probe.getPointAtLength((len * i) / SAMPLES);
    out[2 * i] = p.x;
    out[2 * i + 1] = p.y;
  }
  return out;
}

/** SAMPLES + 1 points evenly spaced by arc length along a polyline [x0, y0, x1, y1, …]. */
function resample(line: number[]): Float32Array {
  const m = line.length / 2;
  const cum = new Float64Array(m);
  for (let j = 1; j < m; j++)
    cum[j] =
      (cum[j - 1] as number) +
      Math.hypot((line[2 * j] as number) - (line[2 * j - 2] as number), (line[2 * j + 1] as number) - (line[2 * j - 1] as number));
  const len = cum[m - 1] as number;
  const out = new Float32Array(2 * (SAMPLES + 1));
  let j = 0;
  for (let i = 0; i <= SAMPLES; i++) {
    const at = (len * i) / SAMPLES;
    while (j < m - 2 && (cum[j + 1] as number) < at) j++;
    const a = cum[j] as number;
    const b = cum[Math.min(m - 1, j + 1)] as number;
    const w = b > a ? (at - a) / (b - a) : 0;
    const k = Math.min(m - 1, j + 1);
    out[2 * i] = (line[2 * j] as number) * (1 - w) + (line[2 * k] as number) * w;
    out[2 * i + 1] = (line[2 * j + 1] as number) * (1 - w) + (line[2 * k + 1] as number) * w;
  }
  return out;
}

/**
 * SAMPLES + 1 points along an SVG path, evenly spaced by arc length: [x0, y0, x1, y1, …].
 * Computed from the path's own numbers (asking the DOM for lengths forces a style and layout
 * pass in the middle of a frame, once per newly active edge); other commands ask the browser.
 */
export function samplePath(d: string): Float32Array {
  const hit = samplesCache.get(d);
  if (hit) return hit;
  const line = flatten(d);
  const out = line ? resample(line) : measured(d);
  if (samplesCache.size > 4000) samplesCache.clear();
  samplesCache.set(d, out);
  return out;
}

/** Where particle `i` of `s` is at time `t` (seconds), as a fraction 0…1 of the path. */
export function particlePosition(s: ParticleSpec, i: number, t: number): number {
  const u = (t / s.duration + i / s.count) % 1;
  return s.reverse ? 1 - u : u;
}

/** Point at fraction u of sampled points (linear between samples). */
export function pointAt(pts: Float32Array, u: number): [number, number] {
  const f = u * SAMPLES;
  const j = Math.min(SAMPLES - 1, Math.floor(f));
  const w = f - j;
  return [
    (pts[2 * j] as number) * (1 - w) + (pts[2 * j + 2] as number) * w,
    (pts[2 * j + 1] as number) * (1 - w) + (pts[2 * j + 3] as number) * w,
  ];
}
