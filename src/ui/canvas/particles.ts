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
const samplesCache = new Map<string, Float32Array>();
let probe: SVGPathElement | null = null;

/** SAMPLES + 1 points along an SVG path, evenly spaced by arc length: [x0, y0, x1, y1, …]. */
export function samplePath(d: string): Float32Array {
  const hit = samplesCache.get(d);
  if (hit) return hit;
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
