// Legibility and canvas stability over a full step-through of every bundled exercise, with the
// canvas's own measurement (bench/ui/legibility.ts: presenter mode, → key, reduced motion):
//   min_label_px_presenter_1920[ex]  smallest label on screen at 1920×1080
//   min_focus_label_px_presenter_1920[ex]  the step's node's label (what the camera frames)
//   canvas_resizes[viewport][ex]     steps at which the canvas changed size (1280×720, 1920×1080)
//   offscreen_steps_1920[ex]         steps whose node was not wholly on screen
//   chrome_over_nodes[viewport][ex]  steps × chrome × node at which chrome covered part of a node (goal 0)
//   min_caption_px_presenter_{1280,1920}[ex]     smallest other text in a node on screen (goal ≥ 14 / ≥ 18)
//   min_panel_text_px_presenter_{1280,1920}[ex]  smallest lesson-panel text (goal ≥ 14 / ≥ 18; exercises with panels)
import type { Browser } from 'playwright-core';
import { legibilityFigures as walk } from './legibility.ts';

/** In-page globals of the app under test. */
type W = Record<string, any>;

export async function legibilityFigures(browser: Browser, appUrl: string): Promise<Record<string, unknown>> {
  const probe = await browser.newPage();
  await probe.goto(appUrl);
  await probe.waitForFunction(() => (globalThis as W).__gradflow?.getState().catalogue);
  const ids = await probe.evaluate(() => (globalThis as W).__gradflow.getState().catalogue.map((e: W) => e.id) as string[]);
  await probe.close();

  const minLabel: Record<string, number> = {};
  const minFocus: Record<string, number> = {};
  const offscreen: Record<string, number> = {};
  const resizes: Record<string, Record<string, number>> = { '1280x720': {}, '1920x1080': {} };
  const covered: Record<string, Record<string, number>> = { '1280x720': {}, '1920x1080': {} };
  const caption: Record<string, Record<string, number | null>> = { 1280: {}, 1920: {} };
  const panel: Record<string, Record<string, number | null>> = { 1280: {}, 1920: {} };
  for (const [w, h] of [
    [1920, 1080],
    [1280, 720],
  ] as const) {
    for (const id of ids) {
      const f = await walk(browser, appUrl, id, w, h);
      (resizes[`${w}x${h}`] as Record<string, number>)[id] = f.canvas_resizes;
      (covered[`${w}x${h}`] as Record<string, number>)[id] = f.chrome_over_nodes.length;
      (caption[w] as Record<string, number | null>)[id] = f.min_caption_px;
      if (f.min_panel_text_px !== null) (panel[w] as Record<string, number | null>)[id] = f.min_panel_text_px;
      if (w === 1920) {
        minLabel[id] = f.min_label_px;
        minFocus[id] = f.min_focus_label_px;
        offscreen[id] = f.offscreen_steps.length;
      }
    }
  }
  return {
    min_label_px_presenter_1920: minLabel,
    min_focus_label_px_presenter_1920: minFocus,
    offscreen_steps_1920: offscreen,
    canvas_resizes: resizes,
    chrome_over_nodes: covered,
    min_caption_px_presenter_1280: caption[1280],
    min_caption_px_presenter_1920: caption[1920],
    min_panel_text_px_presenter_1280: panel[1280],
    min_panel_text_px_presenter_1920: panel[1920],
  };
}
