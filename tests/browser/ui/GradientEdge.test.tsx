import '@xyflow/react/dist/style.css';
import { type Edge, type Node, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import type { GradientEdgeData } from '../../../src/ui/canvas/flow';
import { edgeTypes } from '../../../src/ui/canvas/nodeTypes';
import type { EdgeView } from '../../../src/ui/trace/timeline';

const view = (phase: EdgeView['phase'], gradNorm: number | null, gradSign: EdgeView['gradSign'] = null): EdgeView => ({
  phase,
  valueNorm: 1,
  grad: null,
  gradNorm,
  gradSign,
});

function flow(edges: { id: string; data: GradientEdgeData }[]) {
  const nodes: Node[] = edges.flatMap((_e, i) => [
    { id: `s${i}`, position: { x: 0, y: i * 60 }, data: { label: `s${i}` } },
    { id: `t${i}`, position: { x: 400, y: i * 60 }, data: { label: `t${i}` } },
  ]);
  const list: Edge[] = edges.map((e, i) => ({ id: e.id, source: `s${i}`, target: `t${i}`, type: 'gradient', data: e.data }));
  return (
    <ReactFlowProvider>
      <div style={{ width: 700, height: 500 }}>
        <ReactFlow nodes={nodes} edges={list} edgeTypes={edgeTypes} />
      </div>
    </ReactFlowProvider>
  );
}

const edgeEl = (id: string) => document.querySelector(`[data-testid=gf-edge][data-edge-id="${id}"]`) as SVGGElement;
const lineWidth = (id: string) => Number(edgeEl(id).querySelector('.gf-edge__line')?.getAttribute('stroke-width'));

describe('GradientEdge', () => {
  test('data hooks: phase, and the gradient norm (empty before any gradient)', async () => {
    await render(
      flow([
        { id: 'idle', data: { slot: 0, view: view('idle', null) } },
        { id: 'fwd', data: { slot: 0, view: view('forward', null) } },
        { id: 'bwd', data: { slot: 0, view: view('backward', 0.25), maxGradNorm: 1 } },
      ]),
    );
    await expect.poll(() => document.querySelectorAll('[data-testid=gf-edge]').length).toBe(3);
    expect(edgeEl('idle').dataset.phase).toBe('idle');
    expect(edgeEl('idle').dataset.gradNorm).toBe('');
    expect(edgeEl('fwd').dataset.phase).toBe('forward');
    expect(edgeEl('fwd').dataset.gradNorm).toBe('');
    expect(edgeEl('bwd').dataset.phase).toBe('backward');
    expect(Number(edgeEl('bwd').dataset.gradNorm)).toBe(0.25);
  });

  test('width grows with the norm on a log scale; below the floor a dashed hairline, never fainter than idle', async () => {
    const norms = [1e-12, 1e-5, 1e-3, 1e-2, 1];
    await render(flow(norms.map((n, i) => ({ id: `e${i}`, data: { slot: 0, view: view('backward', n), maxGradNorm: 1 } }))));
    await expect.poll(() => document.querySelectorAll('[data-testid=gf-edge]').length).toBe(norms.length);
    const widths = norms.map((_, i) => lineWidth(`e${i}`));
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeGreaterThan(widths[i - 1] as number);
    // 1e-12 is 12 decades under the largest: below the colour scale, drawn as a dashed hairline.
    expect(edgeEl('e0').dataset.look).toBe('floor');
    expect(widths[0]).toBeCloseTo(1.6, 6);
    expect(edgeEl('e0').querySelector('.gf-edge__line')?.getAttribute('stroke-dasharray')).toBe('6 3');
    expect(edgeEl('e1').querySelector('.gf-edge__line')?.getAttribute('stroke-dasharray')).toBeNull();
    const colours = norms.map((_, i) => edgeEl(`e${i}`).querySelector('.gf-edge__line')?.getAttribute('stroke'));
    expect(new Set(colours).size).toBe(norms.length);
  });

  test('only the active edge animates: backward particles run target → source, forward source → target', async () => {
    await render(
      flow([
        { id: 'back', data: { slot: 0, view: view('backward', 1), maxGradNorm: 1, active: true, stepPhase: 'backward' } },
        { id: 'fore', data: { slot: 0, view: view('forward', null), active: true, stepPhase: 'forward' } },
        { id: 'still', data: { slot: 0, view: view('backward', 1), maxGradNorm: 1 } },
      ]),
    );
    await expect.poll(() => document.querySelectorAll('[data-testid=gf-edge]').length).toBe(3);
    const attr = (id: string, name: string) => edgeEl(id).getAttribute(name);
    expect(Number(attr('back', 'data-particles'))).toBeGreaterThanOrEqual(1);
    expect(attr('back', 'data-flow')).toBe('backward');
    expect(Number(attr('fore', 'data-particles'))).toBeGreaterThanOrEqual(1);
    expect(attr('fore', 'data-flow')).toBe('forward');
    expect(attr('still', 'data-particles')).toBe('0');
    // No per-edge animation elements: a tooltip, a hit area, the line (+ a glow when active); particles live on one canvas.
    expect(edgeEl('still').querySelectorAll('*').length).toBe(3);
    expect(edgeEl('back').querySelectorAll('*').length).toBe(4);
    expect(document.querySelectorAll('animateMotion').length).toBe(0);
  });

  test('every edge has a tooltip saying what it carries, ‖∇‖ in scientific notation', async () => {
    await render(
      flow([
        { id: 'idle', data: { slot: 0, view: view('idle', null) } },
        { id: 'fwd', data: { slot: 0, view: view('forward', null) } },
        { id: 'bwd', data: { slot: 0, view: view('backward', 0.00034), maxGradNorm: 1 } },
        { id: 'tiny', data: { slot: 0, view: view('backward', 3.2e-9), maxGradNorm: 1 } },
        { id: 'zero', data: { slot: 0, view: view('backward', 0, 0), maxGradNorm: 1 } },
      ]),
    );
    await expect.poll(() => document.querySelectorAll('[data-testid=gf-edge]').length).toBe(5);
    const title = (id: string) => edgeEl(id).querySelector(':scope > title')?.textContent;
    expect(title('idle')).toBe('s0 → t0: no gradient yet');
    expect(title('fwd')).toBe('s1 → t1: value sent forward (‖value‖ = 1e0)');
    expect(title('bwd')).toBe('s2 → t2: ‖∇‖ = 3.4e−4');
    expect(title('tiny')).toBe('s3 → t3: ‖∇‖ = 3.2e−9, below the colour scale (more than 6 decades under the largest)');
    expect(title('zero')).toBe('s4 → t4: ‖∇‖ = 0');
  });

  test('below the floor: visible, dashed, labelled with its exponent, and unlike an edge with no gradient yet', async () => {
    await render(
      flow([
        { id: 'idle', data: { slot: 0, view: view('idle', null) } },
        { id: 'tiny', data: { slot: 0, view: view('backward', 3.2e-9), maxGradNorm: 1 } },
      ]),
    );
    await expect.poll(() => document.querySelectorAll('[data-testid=gf-edge]').length).toBe(2);
    const line = (id: string) => edgeEl(id).querySelector('.gf-edge__line') as SVGPathElement;
    const css = (id: string) => getComputedStyle(line(id));
    // at least as wide and as opaque as idle, a different colour and a dash pattern idle does not have
    expect(Number.parseFloat(css('tiny').strokeWidth)).toBeGreaterThanOrEqual(Number.parseFloat(css('idle').strokeWidth));
    expect(Number(css('tiny').strokeOpacity)).toBeGreaterThanOrEqual(Number(css('idle').strokeOpacity));
    expect(css('tiny').stroke).not.toBe(css('idle').stroke);
    expect(css('tiny').strokeDasharray).not.toBe('none');
    expect(css('idle').strokeDasharray).toBe('none');
    expect(line('tiny').getTotalLength()).toBeGreaterThan(100);
    // its exponent written on it; idle edges carry no label
    expect(edgeEl('tiny').querySelector('[data-testid=edge-label]')?.textContent).toBe('3.2e−9');
    expect(edgeEl('idle').querySelector('[data-testid=edge-label]')).toBeNull();
  });
});
