import '@xyflow/react/dist/style.css';
import { type Edge, type Node, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { edgeTypes } from '../../../src/ui/canvas/nodeTypes';
import { ParticleLayer } from '../../../src/ui/canvas/ParticleLayer';
import { type ParticleSpec, particlePosition, pointAt, samplePath } from '../../../src/ui/canvas/particles';

describe('particle geometry', () => {
  const spec = (reverse: boolean): ParticleSpec => ({ path: 'M0,0 L100,0', colour: '#000', radius: 2, count: 4, duration: 2, reverse });

  test('particles are evenly spread and move toward the target, or back toward the source', () => {
    expect([0, 1, 2, 3].map((i) => particlePosition(spec(false), i, 0))).toEqual([0, 0.25, 0.5, 0.75]);
    expect(particlePosition(spec(false), 0, 0.5)).toBeCloseTo(0.25, 12); // a quarter of the 2 s trip
    expect(particlePosition(spec(true), 0, 0.5)).toBeCloseTo(0.75, 12); // backward: from the target end
  });

  test('samples a path by arc length', () => {
    const pts = samplePath('M0,0 L100,0 L100,100');
    expect(pointAt(pts, 0)).toEqual([0, 0]);
    const mid = pointAt(pts, 0.5);
    expect(mid[0]).toBeCloseTo(100, 3);
    expect(mid[1]).toBeCloseTo(0, 3);
    const three = pointAt(pts, 0.75);
    expect(three[0]).toBeCloseTo(100, 3);
    expect(three[1]).toBeCloseTo(50, 3);
  });
});

test('the layer paints particles of active edges only, and idles without them', async () => {
  const nodes: Node[] = [
    { id: 's', position: { x: 0, y: 0 }, data: { label: 's' } },
    { id: 't', position: { x: 400, y: 0 }, data: { label: 't' } },
  ];
  const edge = (active: boolean): Edge[] => [
    {
      id: 'e',
      source: 's',
      target: 't',
      type: 'gradient',
      data: {
        slot: 0,
        active,
        stepPhase: 'backward',
        maxGradNorm: 1,
        view: { phase: 'backward', valueNorm: 1, grad: null, gradNorm: 1, gradSign: null },
      },
    },
  ];
  const ui = (active: boolean) => (
    <ReactFlowProvider>
      <div style={{ width: 600, height: 200 }}>
        <ReactFlow nodes={nodes} edges={edge(active)} edgeTypes={edgeTypes} fitView>
          <ParticleLayer />
        </ReactFlow>
      </div>
    </ReactFlowProvider>
  );
  const inked = () => {
    const c = document.querySelector('[data-testid=particle-layer]') as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 0) n++;
    return n;
  };
  const screen = await render(ui(true));
  await expect.poll(inked, { timeout: 5000 }).toBeGreaterThan(20);
  await screen.rerender(ui(false));
  await expect.poll(inked, { timeout: 5000 }).toBe(0);
});
