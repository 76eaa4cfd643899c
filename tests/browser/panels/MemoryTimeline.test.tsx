import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { ex05 } from '../../../graphs/ex05-gradient-checkpointing';
import { runExercise } from '../../../src/engine/exercise';
import { LessonPanels } from '../../../src/ui/panels/LessonPanels';
import { MemoryTimeline } from '../../../src/ui/panels/MemoryTimeline';

// The panel draws the engine's memory block as it is: ex05 (10 layers, z and a tagged) at k = 3.
describe('MemoryTimeline on ex05’s memory block', () => {
  beforeAll(async () => {
    tf.enableProdMode();
    await tf.setBackend('cpu');
  });

  test('at presenter type sizes no label meets another, and none covers the phase strip', async () => {
    const r = runExercise(ex05, { options: { checkpoint_every: 3 } });
    const memory = r.blocks.memory;
    if (!memory) throw new Error('ex05 has no memory block');
    // Presenter mode draws the panels' text at 15 px and up (src/ui/styles.css), one SVG unit a pixel.
    const screen = await render(
      <div className="gf-app is-presenter" style={{ width: 345 }}>
        <section className="gf-panels">
          <MemoryTimeline steps={r.trace.steps} cursor={64} memory={memory} />
        </section>
      </div>,
    );
    await expect.element(screen.getByTestId('memory-peak')).toBeInTheDocument();
    const svg = screen.container.querySelector('svg[role=img]') as SVGSVGElement;
    const labels = [...svg.querySelectorAll<SVGTextElement>('[data-testid=memory-peak] text, g[data-mark] text')];
    expect(labels).toHaveLength(3);
    const boxes = labels.map((t) => t.getBBox());
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${labels[i]?.textContent} vs another label`).toBe(true);
      }
      // The phase strip is y 8…18.
      expect(a.y, labels[i]?.textContent ?? '').toBeGreaterThanOrEqual(18);
    }
  });

  test('the reference lines’ labels meet neither the curve nor each other, in presenter type and in normal type, for every k', async () => {
    const failures: string[] = [];
    for (const presenter of [true, false]) {
      for (const k of [1, 2, 3, 5]) {
        const r = runExercise(ex05, { options: { checkpoint_every: k } });
        const memory = r.blocks.memory;
        if (!memory) throw new Error('ex05 has no memory block');
        const screen = await render(
          <div className={presenter ? 'gf-app is-presenter' : 'gf-app'} style={{ width: 345 }}>
            <section className="gf-panels">
              <MemoryTimeline steps={r.trace.steps} cursor={10} memory={memory} />
            </section>
          </div>,
        );
        await expect.element(screen.getByTestId('memory-peak')).toBeInTheDocument();
        const svg = screen.container.querySelector('svg[role=img]') as SVGSVGElement;
        const curve = svg.querySelector<SVGPathElement>(':scope > path');
        if (!curve) throw new Error('no curve');
        // points along the drawn curve, every half unit, widened by half its stroke
        const points: DOMPoint[] = [];
        for (let d = 0; d <= curve.getTotalLength(); d += 0.5) points.push(curve.getPointAtLength(d));
        const marks = [...svg.querySelectorAll<SVGTextElement>('g[data-mark] text')];
        const peak = svg.querySelector<SVGTextElement>('[data-testid=memory-peak] text');
        expect(marks.length).toBeGreaterThan(0);
        const boxes = [...marks, ...(peak ? [peak] : [])].map((t) => ({ text: t.textContent ?? '', b: t.getBBox() }));
        const where = `${presenter ? 'presenter' : 'normal'} k=${k}`;
        for (const [i, { text, b }] of boxes.entries()) {
          if (i < marks.length) {
            const hit = points.find(
              (p) => p.x > b.x - 1.25 && p.x < b.x + b.width + 1.25 && p.y > b.y - 1.25 && p.y < b.y + b.height + 1.25,
            );
            if (hit) failures.push(`${where}: “${text}” meets the curve at (${hit.x.toFixed(1)}, ${hit.y.toFixed(1)})`);
          }
          for (const o of boxes.slice(i + 1)) {
            const apart = b.x + b.width <= o.b.x || o.b.x + o.b.width <= b.x || b.y + b.height <= o.b.y || o.b.y + o.b.height <= b.y;
            if (!apart) failures.push(`${where}: “${text}” meets “${o.text}”`);
          }
          // inside the chart, below the phase strip (y 8…18)
          if (b.y < 18 || b.x < 0 || b.x + b.width > svg.viewBox.baseVal.width) failures.push(`${where}: “${text}” leaves the plot`);
        }
        await screen.unmount();
      }
    }
    expect(failures).toEqual([]);
  });

  test('draws the block’s counts: peak, cursor, marks and facts are the block’s numbers', async () => {
    const r = runExercise(ex05, { options: { checkpoint_every: 3 } });
    const memory = r.blocks.memory;
    if (!memory) throw new Error('ex05 has no memory block');
    const n = r.trace.steps.length;
    const cursor = 44;
    const screen = await render(<MemoryTimeline steps={r.trace.steps} cursor={cursor} memory={memory} />);
    const svg = screen.getByRole('img', { name: new RegExp(`Live layer activations over ${n} steps`) });
    await expect.element(svg).toHaveAttribute('data-peak', String(memory.peak));
    await expect.element(svg).toHaveAttribute('data-cursor', String(cursor));
    await expect.element(screen.getByTestId('memory-now')).toHaveTextContent(`${memory.live[cursor]} live (step ${cursor} of ${n})`);
    await expect.element(screen.getByTestId('memory-peak-text')).toHaveTextContent(`${memory.peak} (step ${memory.peakAt})`);
    await expect.element(screen.getByTestId('memory-peak')).toHaveTextContent(`peak ${memory.peak}`);
    expect([...screen.container.querySelectorAll('g[data-mark]')].map((g) => g.getAttribute('data-mark'))).toEqual([
      'peak live activations',
      'peak live activations without checkpointing',
    ]);
    await expect.element(screen.getByText('peak live activations without checkpointing: 20')).toBeInTheDocument();
    expect([...screen.container.querySelectorAll('.gf-facts dt')].slice(2).map((d) => d.textContent)).toEqual(
      memory.facts.map((f) => f.label),
    );
    // One phase tick per step, the trace's own recompute steps among them.
    expect(screen.container.querySelectorAll('rect[data-phase]')).toHaveLength(n);
    expect(screen.container.querySelectorAll('rect[data-phase="recompute"]')).toHaveLength(
      r.trace.steps.filter((s) => s.phase === 'recompute').length,
    );
    // The step line has one vertex per count (steps + 1), no NaN.
    const d = screen.container.querySelector('svg[data-peak] > path')?.getAttribute('d') ?? '';
    expect(d).not.toMatch(/NaN/);
  });

  test('the cursor is clamped to the trace', async () => {
    const r = runExercise(ex05, { options: { checkpoint_every: 3 } });
    const memory = r.blocks.memory;
    if (!memory) throw new Error('ex05 has no memory block');
    const n = r.trace.steps.length;
    const screen = await render(<MemoryTimeline steps={r.trace.steps} cursor={n + 50} memory={memory} />);
    await expect.element(screen.getByTestId('memory-now')).toHaveTextContent(`${memory.live[n]} live (step ${n} of ${n})`);
  });

  test('LessonPanels shows the memory panel from the block, for every k', async () => {
    for (const k of [0, 2, 3]) {
      const r = runExercise(ex05, { options: { checkpoint_every: k } });
      const screen = await render(<LessonPanels exerciseId="ex05" blocks={r.blocks} trace={r.trace} cursor={5} />);
      await expect
        .element(screen.getByRole('img', { name: /Live layer activations/ }))
        .toHaveAttribute('data-peak', String(r.trace.stats.peakLiveActivations));
      await screen.unmount();
    }
  });
});
