// A synthetic graph of N nodes and N edges, every edge animated: either by gradflow's
// GradientEdge (mode=gradient) or by React Flow's built-in animated dashes (mode=builtin).
import '@xyflow/react/dist/style.css';
// The app's own styles: the particle canvas is sized by them (without, it is 300×150 px).
import '../../src/ui/styles.css';
import { type Edge, type Node, ReactFlow } from '@xyflow/react';
import { createRoot } from 'react-dom/client';
import type { GradientFlowEdge } from '../../src/ui/canvas/flow';
import { GradientEdge } from '../../src/ui/canvas/GradientEdge';
import { ParticleLayer } from '../../src/ui/canvas/ParticleLayer';

const params = new URLSearchParams(location.search);
const mode = params.get('mode') === 'builtin' ? 'builtin' : 'gradient';
const n = Number(params.get('n') ?? 300);
const cols = 20;

const nodes: Node[] = Array.from({ length: n }, (_, i) => ({
  id: `n${i}`,
  position: { x: (i % cols) * 140, y: Math.floor(i / cols) * 90 },
  data: { label: `n${i}` },
  style: { width: 60, fontSize: 10, padding: 4 },
}));

// Each node feeds the next one and, across rows, the one below: N edges in all.
const pairs = Array.from({ length: n }, (_, i) => [i, i % cols === cols - 1 || i === n - 1 ? (i + cols) % n : i + 1] as const);
const edgeTypes = { gradient: GradientEdge };

const edges: Edge[] =
  mode === 'builtin'
    ? pairs.map(([a, b], i) => ({ id: `e${i}`, source: `n${a}`, target: `n${b}`, animated: true }))
    : pairs.map(([a, b], i): GradientFlowEdge => {
        const gradNorm = 10 ** -(i % 7); // 1 … 1e-6: every width the log scale draws
        return {
          id: `e${i}`,
          source: `n${a}`,
          target: `n${b}`,
          type: 'gradient',
          data: {
            slot: 0,
            active: true,
            stepPhase: 'backward',
            maxGradNorm: 1,
            view: { phase: 'backward', valueNorm: 1, grad: null, gradNorm, gradSign: null },
          },
        };
      });

function Bench() {
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      edgeTypes={edgeTypes}
      fitView={params.get('fit') !== '0'}
      minZoom={0.05}
      proOptions={{ hideAttribution: true }}
    >
      <ParticleLayer />
    </ReactFlow>
  );
}

/** Frames per second over `ms`, counted with requestAnimationFrame. */
(globalThis as { measureFps?: (ms: number) => Promise<number> }).measureFps = (ms: number) =>
  new Promise((resolve) => {
    let frames = 0;
    const t0 = performance.now();
    const tick = (t: number) => {
      frames++;
      if (t - t0 < ms) requestAnimationFrame(tick);
      else resolve((frames * 1000) / (t - t0));
    };
    requestAnimationFrame(tick);
  });

createRoot(document.getElementById('root') as HTMLElement).render(<Bench />);
