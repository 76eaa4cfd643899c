// Legibility at lecture distance, measured on the page as a lecturer sees it.
//   measureStep()       runs IN the page: label px on screen, is the step's node on screen, canvas size
//   walkSteps(page)     every step of the graph on screen, by → key: min label px, canvas resizes, off-screen steps
//   legibilityFigures() one exercise at one size in presenter mode (for bench:ui and the e2e walkthrough)
import type { Browser, Page } from 'playwright-core';

export interface StepMeasure {
  cursor: number;
  /** Smallest node label on screen (CSS font size × zoom), px; null when no label is visible. */
  minLabelPx: number | null;
  /** Label px of the node the camera frames (the step's node, or the folded block holding it). */
  focusLabelPx: number | null;
  /** The flow node the step is about (data-focus-node on the canvas). */
  focus: string | null;
  /** The focus node lies wholly inside the canvas's flow area. */
  focusOnScreen: boolean;
  canvasW: number;
  canvasH: number;
  /** Chrome drawn over a node's visible part: `<chrome> over <node id>` (the legend, zoom, export, callouts, notices). */
  chromeOverNodes: string[];
  /**
   * Smallest text in a node on screen other than its label (captions, shapes, norms, badges, "no ∇",
   * cell numbers): CSS font size × zoom, px; null when none is visible.
   */
  minCaptionPx: number | null;
  /** The element and text of that smallest caption, `<class> "<text>"` (to say what failed). */
  minCaption: string | null;
  /**
   * Smallest text in the lesson panels (axis ticks and titles, legends, annotations, table cells):
   * font size × the SVG's scale on screen, px; null when the exercise has no panels.
   */
  minPanelPx: number | null;
  /** The element and text of that smallest panel text. */
  minPanel: string | null;
}

/**
 * What the lecturer sees now. Self-contained (no imports, no closures): Playwright serialises it
 * into the page, and a Vitest browser test calls it directly.
 */
export function measureStep(): StepMeasure {
  const counter = document.querySelector('[data-testid=step-counter]')?.textContent ?? '';
  const cursor = Number(counter.split('/')[0]?.trim() ?? Number.NaN);
  const flow = document.querySelector('[data-testid=canvas-flow]') as HTMLElement | null;
  const empty = {
    cursor,
    minLabelPx: null,
    focusLabelPx: null,
    focus: null,
    focusOnScreen: false,
    canvasW: 0,
    canvasH: 0,
    chromeOverNodes: [],
    minCaptionPx: null,
    minCaption: null,
    minPanelPx: null,
    minPanel: null,
  };
  // Elements drawing text of their own (a non-blank text node child), under `root`.
  const texts = (root: Element): Element[] =>
    [...root.querySelectorAll('*')].filter((el) =>
      [...el.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && (c.textContent ?? '').trim() !== ''),
    );
  const describe = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.getAttribute('class') ? `.${(el.getAttribute('class') ?? '').trim().split(/\s+/).join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
  // Lesson panels: SVG text is scaled by the SVG's viewBox (getScreenCTM), HTML text is not.
  let minPanelPx: number | null = null;
  let minPanel: string | null = null;
  for (const panels of document.querySelectorAll('.gf-panels')) {
    for (const el of texts(panels)) {
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const ctm = el instanceof SVGGraphicsElement ? el.getScreenCTM() : null;
      const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
      const p = Number.parseFloat(getComputedStyle(el).fontSize) * scale;
      if (minPanelPx === null || p < minPanelPx) {
        minPanelPx = p;
        minPanel = describe(el);
      }
    }
  }
  if (!flow) return { ...empty, minPanelPx, minPanel };
  const box = flow.getBoundingClientRect();
  const vp = flow.querySelector('.react-flow__viewport') as HTMLElement | null;
  const m = vp ? getComputedStyle(vp).transform : 'none';
  // matrix(a, b, c, d, e, f): a is the zoom (React Flow never rotates).
  const zoom = m.startsWith('matrix(') ? Number(m.slice(7).split(',')[0]) : 1;
  const inside = (r: DOMRect, tol = 1) =>
    r.left >= box.left - tol && r.right <= box.right + tol && r.top >= box.top - tol && r.bottom <= box.bottom + tol;
  const overlaps = (r: DOMRect) => r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom;
  const px = (el: Element) => Number.parseFloat(getComputedStyle(el).fontSize) * zoom;
  let minLabelPx: number | null = null;
  for (const el of flow.querySelectorAll('.react-flow__node .gf-node__label')) {
    if (!overlaps(el.getBoundingClientRect())) continue;
    const p = px(el);
    minLabelPx = minLabelPx === null ? p : Math.min(minLabelPx, p);
  }
  // Captions: every other text of a node on screen (its shapes, norms, badges, cell numbers).
  let minCaptionPx: number | null = null;
  let minCaption: string | null = null;
  for (const n of flow.querySelectorAll('.react-flow__node')) {
    for (const el of texts(n)) {
      if (el.closest('.gf-node__label')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || !overlaps(r) || !el.checkVisibility({ visibilityProperty: true })) continue;
      const p = px(el);
      if (minCaptionPx === null || p < minCaptionPx) {
        minCaptionPx = p;
        minCaption = describe(el);
      }
    }
  }
  const focus = flow.dataset.focusNode || null;
  const node = focus ? flow.querySelector(`.react-flow__node[data-id="${CSS.escape(focus)}"]`) : null;
  const label = node?.querySelector('.gf-node__label');
  // Chrome that could sit over the flow: the canvas's bar and its popovers, React Flow's panels,
  // a track's callout and notice, the error panel, the predict card, the step bar and toolbar.
  const chrome = [
    '.gf-canvas__bar',
    '.gf-more__panel',
    '.gf-legend-pop .gf-more__panel',
    '.react-flow__panel',
    '.gf-callout',
    '.gf-trackbar',
    '.gf-trackbar__notice',
    '.gf-error-panel',
    '.gf-predict',
    '.gf-toolbar',
    '.gf-stepbar',
    '.gf-step-table',
  ];
  const chromeOverNodes: string[] = [];
  const nodes = [...flow.querySelectorAll('.react-flow__node:not(.react-flow__node-frame)')].map((n) => {
    // Only the part of a node inside the flow's box can be covered (the rest is clipped away).
    const r = n.getBoundingClientRect();
    return {
      id: (n as HTMLElement).dataset.id ?? '?',
      l: Math.max(r.left, box.left),
      t: Math.max(r.top, box.top),
      r: Math.min(r.right, box.right),
      b: Math.min(r.bottom, box.bottom),
    };
  });
  for (const sel of chrome) {
    for (const el of document.querySelectorAll(sel)) {
      const c = el.getBoundingClientRect();
      // Not drawn: a closed popover's content, display none, visibility hidden.
      if (c.width === 0 || c.height === 0 || !el.checkVisibility({ visibilityProperty: true })) continue;
      for (const n of nodes) {
        // More than a pixel of overlap both ways (borders that touch do not count).
        const w = Math.min(n.r, c.right) - Math.max(n.l, c.left);
        const h = Math.min(n.b, c.bottom) - Math.max(n.t, c.top);
        if (w > 1 && h > 1) chromeOverNodes.push(`${sel} over ${n.id}`);
      }
    }
  }
  return {
    chromeOverNodes,
    minCaptionPx,
    minCaption,
    minPanelPx,
    minPanel,
    cursor,
    minLabelPx,
    focusLabelPx: label ? px(label) : null,
    focus,
    focusOnScreen: node ? inside(node.getBoundingClientRect()) : false,
    canvasW: Math.round(box.width * 10) / 10,
    canvasH: Math.round(box.height * 10) / 10,
  };
}

/** Waits two frames (the camera's effect runs after a paint) and measures. */
const settleAndMeasure = (page: Page): Promise<StepMeasure> =>
  page.evaluate(
    // tsx compiles helpers that call __name; the page has none.
    `globalThis.__name ??= (f) => f; new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r((${measureStep.toString()})()))))`,
  ) as Promise<StepMeasure>;

export interface Walk {
  steps: StepMeasure[];
  /** Smallest label px on screen over every step. */
  minLabelPx: number;
  /** Smallest label px of the step's node over every step. */
  minFocusLabelPx: number;
  /** Steps whose canvas size differs from the one before. */
  canvasResizes: number;
  /** Cursors at which the step's node was not wholly on screen. */
  offscreen: number[];
  /** `step k: <chrome> over <node>` for every step at which chrome covered part of a node. */
  chromeOverNodes: string[];
  /** Smallest node caption px on screen over every step (null: none ever visible), and what it was. */
  minCaptionPx: number | null;
  minCaption: string | null;
  /** Smallest lesson-panel text px over every step (null: no panels), and what it was. */
  minPanelPx: number | null;
  minPanel: string | null;
}

/** The step whose `key` is smallest, with that value and what it measured. */
function smallest(steps: StepMeasure[], key: 'minCaptionPx' | 'minPanelPx', what: 'minCaption' | 'minPanel') {
  let best: StepMeasure | null = null;
  for (const s of steps) {
    const v = s[key];
    if (v !== null && (best === null || v < (best[key] as number))) best = s;
  }
  return { px: best ? (best[key] as number) : null, what: best ? `step ${best.cursor}: ${best[what]}` : null };
}

/** Steps from the cursor now to the end with the → key, measuring every step (the start too). */
export async function walkSteps(page: Page, total: number): Promise<Walk> {
  const steps: StepMeasure[] = [await settleAndMeasure(page)];
  for (let k = steps[0]?.cursor ?? 0; k < total; k++) {
    await page.keyboard.press('ArrowRight');
    steps.push(await settleAndMeasure(page));
  }
  let resizes = 0;
  for (let i = 1; i < steps.length; i++) {
    const a = steps[i - 1] as StepMeasure;
    const b = steps[i] as StepMeasure;
    if (a.canvasW !== b.canvasW || a.canvasH !== b.canvasH) resizes++;
  }
  const caption = smallest(steps, 'minCaptionPx', 'minCaption');
  const panel = smallest(steps, 'minPanelPx', 'minPanel');
  const finite = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
  return {
    steps,
    minLabelPx: Math.min(...finite(steps.map((s) => s.minLabelPx))),
    minFocusLabelPx: Math.min(...finite(steps.map((s) => s.focusLabelPx))),
    canvasResizes: resizes,
    offscreen: steps.filter((s) => s.cursor > 0 && !s.focusOnScreen).map((s) => s.cursor),
    chromeOverNodes: steps.flatMap((s) => s.chromeOverNodes.map((c) => `step ${s.cursor}: ${c}`)),
    minCaptionPx: caption.px,
    minCaption: caption.what,
    minPanelPx: panel.px,
    minPanel: panel.what,
  };
}

/** Waits until the graph is drawn and the counter reads `k / N`; returns N. */
export async function graphReady(page: Page): Promise<number> {
  await page.waitForSelector('[data-testid=gf-edge]', { timeout: 60_000, state: 'attached' });
  await page.waitForFunction(() => /\d+ \/ [1-9]/.test(document.querySelector('[data-testid=step-counter]')?.textContent ?? ''));
  const text = (await page.textContent('[data-testid=step-counter]')) ?? '';
  return Number(text.split('/')[1]?.trim());
}

const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

export interface LegibilityFigures {
  exercise: string;
  width: number;
  height: number;
  steps: number;
  min_label_px: number;
  min_focus_label_px: number;
  canvas_resizes: number;
  offscreen_steps: number[];
  /** Chrome over a node, per step (see StepMeasure.chromeOverNodes); empty when chrome never covers a node. */
  chrome_over_nodes: string[];
  /** Smallest node caption on screen over the walk (px; null when none showed) and which one. */
  min_caption_px: number | null;
  min_caption: string | null;
  /** Smallest lesson-panel text over the walk (px; null when the exercise has no panels) and which one. */
  min_panel_text_px: number | null;
  min_panel_text: string | null;
}

/**
 * One exercise in presenter mode at `width`×`height` (reduced motion: the camera lands at once),
 * stepped from 0 to the end. `min_label_px` at 1920×1080 is bench:ui's `min_label_px_presenter_1920`.
 */
export async function legibilityFigures(
  browser: Browser,
  baseUrl: string,
  exercise: string,
  width: number,
  height: number,
): Promise<LegibilityFigures> {
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce' });
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}?graph=${encodeURIComponent(exercise)}&present=1&step=0`);
    const total = await graphReady(page);
    const walk = await walkSteps(page, total);
    return {
      exercise,
      width,
      height,
      steps: total,
      min_label_px: Math.round(walk.minLabelPx * 100) / 100,
      min_focus_label_px: Math.round(walk.minFocusLabelPx * 100) / 100,
      canvas_resizes: walk.canvasResizes,
      offscreen_steps: walk.offscreen,
      chrome_over_nodes: walk.chromeOverNodes,
      min_caption_px: round2(walk.minCaptionPx),
      min_caption: walk.minCaption,
      min_panel_text_px: round2(walk.minPanelPx),
      min_panel_text: walk.minPanel,
    };
  } finally {
    await context.close();
  }
}
