import { describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { buildSvg, escapeXml } from '../../../src/ui/canvas/exportSvg';
import { buildStructure } from '../../../src/ui/canvas/flow';
import { layoutStructure } from '../../../src/ui/canvas/layout';
import type { RunResult } from '../../../src/ui/compute/protocol';
import { Explorer } from '../../../src/ui/Explorer';
import { Formula } from '../../../src/ui/inspector/Formula';
import { createExplorerStore } from '../../../src/ui/store';
import { gradEncoder } from '../../../src/ui/trace/encoding';
import { buildTimeline } from '../../../src/ui/trace/timeline';
import { fakeClient, tinyRun } from './fixtures';

const HOSTILE = '<img src=x onerror="globalThis.__pwned=1">';

function hostileRun(): RunResult {
  const run = tinyRun();
  run.graph.nodes = run.graph.nodes.map((n) =>
    n.id === 'c'
      ? {
          ...n,
          label: HOSTILE,
          note: '<b>not bold</b>',
          formula: { forward: 'Y = AB', vjp: ['\\bar A = \\bar Y B^\\top', '\\bar B = A^\\top \\bar Y'] },
        }
      : n,
  );
  run.graph.notes = ['<script>globalThis.__pwned = 2</script>'];
  return run;
}

describe('Inspector', () => {
  test('formulas render with KaTeX; labels, notes and graph notes render as text', async () => {
    const f = fakeClient(() => ({ ok: true, value: hostileRun() }));
    const store = createExplorerStore(f.client, { graph: 'tiny', node: 'c', step: 9 });
    await store.getState().init();
    const screen = await render(<Explorer store={store} graphList={false} />);
    await expect.element(screen.getByTestId('inspector-title')).toHaveTextContent(HOSTILE);
    const inspector = document.querySelector('[data-testid=node-inspector]') as HTMLElement;
    // KaTeX loads with the first formula shown
    await expect.poll(() => inspector.querySelectorAll('.katex').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect(inspector.querySelector('.katex-mathml')?.textContent).toContain('AB');
    expect(inspector.textContent).toContain('<b>not bold</b>');
    expect(inspector.textContent).toContain('<script>globalThis.__pwned = 2</script>');
    expect(document.querySelector('img')).toBeNull();
    expect(inspector.querySelector('b, script')).toBeNull();
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
    // the local VJP shows the step's own numbers: ȳ = [−4, −4], sent 8 to a and [−8, −8] to b
    const vjp = inspector.querySelector('[data-testid=local-vjp]')?.textContent ?? '';
    expect(vjp).toContain('[−4, −4]');
    expect(vjp).toContain('→ a: 8');
    expect(vjp).toContain('→ b: [−8, −8]');
    // value and gradient of c at the cursor
    expect(inspector.querySelector('[data-testid=inspector-value]')?.textContent).toContain('[2, −6]');
    expect(inspector.querySelector('[data-testid=inspector-grad]')?.textContent).toContain('[−4, −4]');
  });

  test('a formula never becomes a link or runs script (trust: false, errors rendered, not thrown)', async () => {
    const screen = await render(
      <div data-testid="f">
        <Formula tex={'\\href{javascript:alert(1)}{x} + \\url{javascript:alert(2)}'} />
        <Formula tex={'\\frac{1}{'} />
      </div>,
    );
    await expect.element(screen.getByTestId('f')).toBeInTheDocument();
    const el = document.querySelector('[data-testid=f]') as HTMLElement;
    await expect.poll(() => el.querySelectorAll('.katex, .katex-error').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(el.querySelector('.gf-formula--loading')).toBeNull();
    expect(el.querySelector('a')).toBeNull();
    expect(el.textContent).toContain('javascript');
  });
});

describe('SVG export', () => {
  test('graph text is escaped and the file parses as SVG with the current view', async () => {
    const run = hostileRun();
    const timeline = buildTimeline(run.trace, run.graph);
    const laid = await layoutStructure(buildStructure(run.graph, 'L', {}));
    const svg = buildSvg(laid, {
      nodeAt: (id) => timeline.nodeAt(id, 9),
      edgeAt: (id) => timeline.edgeAt(id, 9),
      encoder: gradEncoder(timeline.maxGradNorm),
      title: `title ${HOSTILE}`,
      caption: 'step 9 / 9',
    });
    expect(svg).toContain(escapeXml(HOSTILE));
    expect(svg).not.toContain('<img');
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.querySelectorAll('img, script').length).toBe(0);
    // one path per edge, and the label text survives as text
    expect(doc.querySelectorAll('path').length).toBe(run.graph.nodes.reduce((n, m) => n + m.inputs.length, 0));
    expect([...doc.querySelectorAll('text')].some((t) => t.textContent === HOSTILE)).toBe(true);
  });
});
