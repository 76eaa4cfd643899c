/**
 * A render counter for tests: components of the canvas report each render here. A no-op
 * unless a test installs a probe (per-step work must follow the step's edges, not the graph).
 */
export type RenderProbe = (kind: 'edge' | 'node', id: string) => void;

let probe: RenderProbe | null = null;

export function setRenderProbe(p: RenderProbe | null): void {
  probe = p;
}

export function countRender(kind: 'edge' | 'node', id: string): void {
  if (probe) probe(kind, id);
}
