/// <reference types="vite/client" />
/**
 * The panels on the real exercises (engine on tfjs cpu, in Chromium): every registered exercise's
 * blocks become the panels they call for, with finite geometry and the blocks' own numbers.
 *
 * With VITE_PANEL_SCREENS=1 it also screenshots every panel of every graph module, registered or not:
 *   VITE_PANEL_SCREENS=1 node_modules/.bin/vitest run --project browser tests/browser/panels/exercises.test.tsx
 * → tests/browser/panels/__screenshots__/panels/*.png (git-ignored; Vite writes nothing outside the repo).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { EXERCISES } from '../../../graphs/index';
import type { Exercise, LessonBlocks } from '../../../src/engine/exercise';
import { runExercise } from '../../../src/engine/exercise';
import { formatNumber } from '../../../src/ui/panels/format';
import { LessonPanels } from '../../../src/ui/panels/LessonPanels';

const screenshots = !!import.meta.env.VITE_PANEL_SCREENS;
const modules = import.meta.glob<Record<string, unknown>>('../../../graphs/ex*.ts');

/** Every exercise in the graph modules, loaded one at a time: one still being written does not stop the rest. */
async function allGraphModules(): Promise<Exercise[]> {
  const out: Exercise[] = [];
  for (const load of Object.values(modules)) {
    try {
      const mod = await load();
      out.push(...Object.values(mod).filter((v): v is Exercise => !!v && typeof v === 'object' && 'lesson' in v && 'build' in v));
    } catch (e) {
      console.warn('skipped a graph module:', e);
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

const count = (blocks: LessonBlocks) => ({
  series: blocks.series?.length ?? 0,
  training: blocks.training ? 1 : 0,
  jacobian: blocks.jacobians && Object.keys(blocks.jacobians).length ? 1 : 0,
  estimator: blocks.estimators?.length ? 1 : 0,
  memory: blocks.memory ? 1 : 0,
  attention: blocks.attention ? 1 : 0,
});

const nodesOf = (r: ReturnType<typeof runExercise>) => [...r.program.nodes.values()].map((n) => ({ id: n.id, layer: n.spec.layer }));

async function renderExercise(ex: Exercise, shootAs?: string) {
  const r = runExercise(ex);
  const cursor = r.trace.steps.length;
  const screen = await render(
    <div style={{ padding: 16, background: '#f6f7f9', width: 1040, zoom: shootAs ? 1.5 : 1 }}>
      <LessonPanels exerciseId={ex.id} blocks={r.blocks} trace={r.trace} cursor={cursor} nodes={nodesOf(r)} onHighlight={() => {}} />
    </div>,
  );
  const root = screen.container;
  const run = root.querySelector<HTMLButtonElement>('[data-panel="training"] button');
  if (run) {
    await userEvent.click(run);
    await expect.element(screen.getByRole('progressbar'), { timeout: 5000 }).toHaveAttribute('aria-valuenow', '100');
  }
  if (root.querySelector('[data-panel="jacobian"]')) {
    await expect.element(screen.getByTestId('jacobian-status'), { timeout: 5000 }).toHaveTextContent(/done/);
  }
  if (shootAs) {
    const panels = [...root.querySelectorAll<HTMLElement>('[data-panel]')];
    for (const [i, el] of panels.entries()) {
      await page.screenshot({ element: el, path: `__screenshots__/panels/${shootAs}-${i}-${el.dataset.panel}.png` });
    }
    // States worth seeing too: a hovered layer point, attention weights not yet computed.
    const linked = root.querySelector<SVGRectElement>('[data-panel="series"] rect.gf-hit[tabindex="0"][data-x="5"]');
    if (linked) {
      await userEvent.hover(linked);
      const el = linked.closest('[data-panel]') as HTMLElement;
      await page.screenshot({ element: el, path: `__screenshots__/panels/${shootAs}-hover.png` });
    }
    if (root.querySelector('[data-panel="attention"]')) {
      await screen.rerender(
        <div style={{ padding: 16, background: '#f6f7f9', width: 1040, zoom: 1.5 }}>
          <LessonPanels exerciseId={ex.id} blocks={r.blocks} trace={r.trace} cursor={0} />
        </div>,
      );
      const el = root.querySelector('[data-panel="attention"]') as HTMLElement;
      await page.screenshot({ element: el, path: `__screenshots__/panels/${shootAs}-attention-before.png` });
    }
  }
  return { r, screen, root };
}

describe('panels on the registered exercises', () => {
  beforeAll(async () => {
    tf.enableProdMode();
    await tf.setBackend('cpu');
    if (screenshots) await page.viewport(1700, 1000);
  });

  test('each exercise gets one panel per block, finite paths and the blocks’ numbers', async () => {
    expect(EXERCISES.length).toBeGreaterThan(0);
    for (const ex of EXERCISES) {
      const { r, screen, root } = await renderExercise(ex);
      const kinds = [...root.querySelectorAll('[data-panel]')].map((p) => p.getAttribute('data-panel'));
      const want = count(r.blocks);
      for (const [kind, n] of Object.entries(want))
        expect(
          kinds.filter((k) => k === kind),
          `${ex.id}: ${kind} panels`,
        ).toHaveLength(n);
      for (const p of root.querySelectorAll('path')) expect(p.getAttribute('d') ?? '', `${ex.id}: a path`).not.toMatch(/NaN|Infinity/);
      // Final training losses are the block's last entries.
      const finals = [...root.querySelectorAll('[data-testid="training-losses"] dd[data-final="true"]')].map((d) => d.textContent);
      expect(finals, `${ex.id}: final losses`).toEqual(
        r.blocks.training?.runs.map((run) => formatNumber(run.losses[run.losses.length - 1] as number)) ?? [],
      );
      // Every Jacobian entry is on screen.
      for (const [name, m] of Object.entries(r.blocks.jacobians ?? {})) {
        const texts = [...root.querySelectorAll(`figure[data-jacobian="${name}"] g[data-cell] text`)].map((t) => t.textContent);
        expect(texts, `${ex.id}: ${name}`).toEqual(m.flat().map(formatNumber));
      }
      await screen.unmount();
    }
  });

  // Registered only on request: a tool for looking at the panels, not a check.
  if (screenshots)
    test('screenshots of every graph module’s panels', async () => {
      for (const ex of await allGraphModules()) {
        try {
          const { screen } = await renderExercise(ex, ex.id);
          await screen.unmount();
        } catch (e) {
          console.warn(`${ex.id}: no screenshots`, e);
        }
      }
    });
});
