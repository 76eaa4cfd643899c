import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { parseGf } from '../../src/lang';
import { pagesPerTest, ready } from './browser';

const base = inject('baseUrl');
/** Set GF_SCREENS=/some/dir to save screenshots of the editor and canvas editing. */
const SCREENS = process.env.GF_SCREENS;
const MICROGRAD = readFileSync(join(import.meta.dirname, '../../graphs/examples/micrograd-sanity.gf'), 'utf8');
const DRAFT_KEY = 'gradflow.editor.draft';

const pages = pagesPerTest();

/** The gradient of node `id` in the page's trace (element 0). */
const gradOf = (page: Page, id: string): Promise<number | null> =>
  page.evaluate((n) => (globalThis as any).__gradflow.getState().run?.trace.grads.get(n)?.data[0] ?? null, id);
const inputsOf = (page: Page, id: string): Promise<string[] | null> =>
  page.evaluate((n) => (globalThis as any).__gradflow.getState().run?.graph.nodes.find((m: any) => m.id === n)?.inputs ?? null, id);
const nodeIds = (page: Page): Promise<string[]> =>
  page.evaluate(() => ((globalThis as any).__gradflow.getState().run?.graph.nodes ?? []).map((n: any) => n.id));
/** The editor's text as saved for the next visit (every change of the document is saved). */
const draft = (page: Page): Promise<string | null> => page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY);
/** The editor's text as drawn (small documents: every line is in view). */
const shownText = (page: Page): Promise<string> =>
  page.$$eval('[data-testid=editor-pane] .cm-line', (ls) => ls.map((l) => l.textContent ?? '').join('\n'));

/**
 * Types text key by key (CodeMirror reads each input from the DOM). A line ends with Shift+Enter:
 * CodeMirror's newline whether or not a completion popup is open. Plain Enter accepts the popup's
 * option when one is showing, and the popup opens a debounce after the last key, so what Enter
 * did would depend on how long the line took to type.
 */
async function typeText(page: Page, text: string) {
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    await page.keyboard.type(line, { delay: 15 });
    if (i < lines.length - 1) await page.keyboard.press('Shift+Enter');
  }
}

async function clearEditor(page: Page) {
  await page.click('[data-testid=editor-pane] .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
}

/** Focus off any field (the select just used): keys now go to the canvas, not to a text box. */
const leaveText = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

/**
 * Selects a node as a click on it does (the edit panel may cover a node at this viewport; what is
 * tested here is the edit, not the click), with the focus on the page, not in a field.
 */
async function select(page: Page, id: string) {
  await page.evaluate((n) => (globalThis as any).__gradflow.getState().select(n), id);
  await leaveText(page);
}

async function shot(page: Page, name: string) {
  if (SCREENS) await page.screenshot({ path: join(SCREENS, `${name}.png`) });
}

async function readDownload(d: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of await d.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Drags from one element's centre to another's, in small moves (React Flow connects on release over a handle). */
async function drag(page: Page, from: string, to: string) {
  const a = await page.locator(from).boundingBox();
  const b = await page.locator(to).boundingBox();
  if (!a || !b) throw new Error(`no box for ${a ? to : from}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++)
    await page.mouse.move(a.x + a.width / 2 + ((b.x - a.x) * i) / 10, a.y + a.height / 2 + ((b.y - a.y) * i) / 10);
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.up();
}

describe('writing and editing a graph, as a new user would (production build, Chromium)', () => {
  test('type micrograd, edit on the canvas, undo/redo, reload, share, download', async () => {
    const { page } = await pages.open();
    await page.goto(base);
    await ready(page);
    await page.getByRole('button', { name: 'New graph (text)…' }).click();
    await page.waitForSelector('[data-testid=editor-pane] .cm-content', { timeout: 30_000 });

    // A syntax error: listed (and marked) at line:column.
    await clearEditor(page);
    await typeText(page, 'input x = 3\ny = x ** 2)\nobjective y\n');
    await expect
      .poll(() => page.textContent('[data-testid=editor-problems]'), { timeout: 15_000 })
      .toBe('2:8 unexpected "*" in an assignment');

    // micrograd's sanity expression, typed: its backward pass reaches x with 46.
    await clearEditor(page);
    await typeText(page, MICROGRAD);
    expect(await draft(page)).toBe(MICROGRAD);
    await expect.poll(() => gradOf(page, 'x'), { timeout: 30_000 }).toBe(46);
    expect(await page.textContent('[data-testid=editor-problems]')).toBe('');
    await page.waitForSelector('[data-testid="node-h"]');
    await shot(page, 'editor-typed-1280x800');

    // relu → tanh on the canvas: h = tanh(z²) with z = −10 saturates, so its path adds 0
    // where relu's added 2z·dz/dx = −60: dy/dx = 46 + 60 = 106.
    await page.click('[data-testid="node-h"]');
    await page.selectOption('[data-testid=canvas-edit] select[aria-label="node op"]', 'tanh');
    await expect.poll(() => draft(page), { timeout: 15_000 }).toBe(MICROGRAD.replace('h = relu(z * z)', 'h = tanh(z * z)'));
    await expect.poll(() => gradOf(page, 'x'), { timeout: 15_000 }).toBe(106);
    expect(await shownText(page)).toContain('h = tanh(z * z)');
    await shot(page, 'editor-canvas-tanh-1280x800');

    // Undo over the canvas (focus outside the text): text and gradient back; redo re-applies.
    await leaveText(page);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => draft(page), { timeout: 15_000 }).toBe(MICROGRAD);
    await expect.poll(() => gradOf(page, 'x'), { timeout: 15_000 }).toBe(46);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => gradOf(page, 'x'), { timeout: 15_000 }).toBe(106);
    expect(await draft(page)).toContain('h = tanh(z * z)');
    // the editor's Undo button walks the same history, Ctrl+Y redoes
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => gradOf(page, 'x'), { timeout: 15_000 }).toBe(46);
    await leaveText(page);
    await page.keyboard.press('Control+Y');
    await expect.poll(() => gradOf(page, 'x'), { timeout: 15_000 }).toBe(106);

    // Palette: select x, N, "neg", Enter → neg = -x; then drag its output onto y.mul's second input.
    await select(page, 'x');
    await page.keyboard.press('n');
    await page.keyboard.type('neg');
    await page.keyboard.press('Enter');
    await expect.poll(() => nodeIds(page), { timeout: 15_000 }).toContain('neg');
    expect(await inputsOf(page, 'neg')).toEqual(['x']);
    expect(await draft(page)).toContain('neg = -x');
    await page.waitForSelector('[data-testid="node-neg"]');
    await drag(page, '[data-testid="node-neg"] .react-flow__handle.source', '[data-testid="node-y.mul"] [data-handleid="in1"]');
    await expect.poll(() => inputsOf(page, 'y.mul'), { timeout: 15_000 }).toEqual(['q', 'neg']);
    // y = h + q − q·x now. With z = 3x + 2 = −10, q = relu(z) + zx = 40, dq/dx = 0 + (3x + z) = −22
    // and h saturated (dh/dx = 0): dy/dx = dq/dx − (x·dq/dx + q) = −22 − (88 + 40) = −150.
    await expect.poll(() => gradOf(page, 'x'), { timeout: 15_000 }).toBe(-150);
    const connected = parseGf((await draft(page)) ?? '').spec;
    expect(connected?.nodes.find((n) => n.id === 'y.mul')?.inputs).toEqual(['q', 'neg']);
    await shot(page, 'editor-canvas-connected-1280x800');

    // Delete neg (Delete key): y.mul reads x again.
    await select(page, 'neg');
    await page.keyboard.press('Delete');
    await expect.poll(() => nodeIds(page), { timeout: 15_000 }).not.toContain('neg');
    expect(await inputsOf(page, 'y.mul')).toEqual(['q', 'x']);
    await expect.poll(() => gradOf(page, 'x'), { timeout: 15_000 }).toBe(106);
    expect(await draft(page)).not.toContain('neg');

    // Rename q → q1: every consumer follows, in the text and on the canvas.
    await select(page, 'q');
    await page.fill('[data-testid=canvas-edit] input[aria-label="node id"]', 'q1');
    await page.click('[data-testid=canvas-edit] button:has-text("Rename")');
    await expect.poll(() => nodeIds(page), { timeout: 15_000 }).toContain('q1');
    expect(await nodeIds(page)).not.toContain('q');
    expect(await inputsOf(page, 'y.add')).toEqual(['h', 'q1']);
    const edited = (await draft(page)) ?? '';
    expect(parseGf(edited).problems).toEqual([]);
    const gradX = await gradOf(page, 'x');
    expect(gradX).toBe(106);

    // Download: the .gf is the text itself, the .json the spec it compiles to.
    const [gf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .gf' }).click()]);
    expect(gf.suggestedFilename()).toBe('micrograd-sanity-check.gf');
    const gfText = await readDownload(gf);
    expect(gfText).toBe(edited);
    expect(parseGf(gfText).spec).toEqual(parseGf(edited).spec);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .json' }).click()]);
    expect(json.suggestedFilename()).toBe('micrograd-sanity-check.json');
    expect(JSON.parse(await readDownload(json))).toEqual(parseGf(edited).spec);

    // The share link: a fresh browser context opens the same text and the same gradient.
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/#gf=[A-Za-z0-9_-]+$/);
    const link = page.url();
    const fresh = await pages.open();
    await fresh.page.goto(link);
    await ready(fresh.page);
    await fresh.page.waitForSelector('[data-testid=editor-pane] .cm-content', { timeout: 30_000 });
    await expect.poll(() => shownText(fresh.page), { timeout: 15_000 }).toBe(edited);
    expect(await gradOf(fresh.page, 'x')).toBe(gradX);
    expect(await nodeIds(fresh.page)).toEqual(await nodeIds(page));

    // Reload: the draft comes back in the editor, with a way to discard it.
    await page.reload();
    await page.waitForSelector('[data-testid=editor-pane] .cm-content', { timeout: 30_000 });
    await expect.poll(() => shownText(page), { timeout: 15_000 }).toBe(edited);
    await page.getByRole('button', { name: 'Discard draft' }).click();
    expect(await draft(page)).toBeNull();
    expect(await page.$('[data-testid=editor-pane]')).toBeNull();
  }, 300_000);

  test('an exercise opens as an edited copy; screenshots of editor + canvas editing at 1920×1080 and 1280×720', async () => {
    for (const [width, height] of [
      [1920, 1080],
      [1280, 720],
    ] as const) {
      const { page, context } = await pages.open({ viewport: { width, height } });
      await page.goto(`${base}?graph=ex03-two-layer-backprop`);
      await ready(page);
      const exerciseGrad = await gradOf(page, 'W1');
      await page.getByRole('button', { name: 'Edit this graph as text…' }).click();
      await page.waitForSelector('[data-testid=editor-copy-of]', { timeout: 30_000 });
      expect(await page.textContent('[data-testid=editor-copy-of]')).toMatch(/^edited copy of .+ — the exercise itself is unchanged$/);
      // opening the copy changed nothing: the exercise is still on screen
      expect(await page.evaluate(() => (globalThis as any).__gradflow.getState().source)).toEqual({
        kind: 'exercise',
        id: 'ex03-two-layer-backprop',
      });
      // relu → tanh at a1 on the canvas: the copy becomes the graph on screen, W1's gradient changes
      await page.click('[data-testid="node-a1"]');
      await page.selectOption('[data-testid=canvas-edit] select[aria-label="node op"]', 'tanh');
      await expect.poll(() => gradOf(page, 'W1'), { timeout: 15_000 }).not.toBe(exerciseGrad);
      expect(await page.evaluate(() => (globalThis as any).__gradflow.getState().run.graph.id)).toBe('ex03-two-layer-backprop-copy');
      expect(await draft(page)).toContain('a1 = tanh(z1)');
      await page.waitForSelector('[data-testid=canvas-edit] details');
      await shot(page, `editor-exercise-copy-${width}x${height}`);
      // the exercise itself is unchanged
      await page.getByRole('button', { name: /Ex 3/ }).first().click();
      await expect.poll(() => gradOf(page, 'W1'), { timeout: 15_000 }).toBe(exerciseGrad);
      await context.close();
    }
  }, 240_000);

  test('an edge clicked with the mouse is selected; Delete removes that input from the text (screenshots at 1280×720)', async () => {
    const { page, errors } = await pages.open({ viewport: { width: 1280, height: 720 } });
    await page.goto(base);
    await ready(page);
    await page.getByRole('button', { name: 'New graph (text)…' }).click();
    await page.waitForSelector('[data-testid=editor-pane] .cm-content', { timeout: 30_000 });
    const HAND = 'input  x = [2, 1]   # data\nparam  w = [0.5, -1.5]\n\nz  =  w * x         # product\nL  =  sum( z )\nobjective L\n';
    await clearEditor(page);
    await page.keyboard.insertText(HAND);
    await expect.poll(() => inputsOf(page, 'z'), { timeout: 30_000 }).toEqual(['w', 'x']);
    const edge = '.react-flow__edge[data-id="x->z#1"]';
    await page.waitForSelector(edge);
    expect(await page.getAttribute(edge, 'tabindex')).toBe('0');
    // a point on the drawn line, in page coordinates: the mouse clicks there
    const at = await page.$eval(`${edge} .gf-edge__line`, (el) => {
      const path = el as SVGPathElement;
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      const m = path.getScreenCTM() as DOMMatrix;
      return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
    });
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.$eval(edge, (el) => el.classList.contains('selected'))).toBe(true);
    expect(await page.textContent('[data-testid=selected-edge]')).toBe('Edge x → z (input 2) selected Remove edge');
    await leaveText(page);
    await shot(page, 'editor-edge-selected-1280x720');
    await page.keyboard.press('Delete');
    await expect.poll(() => draft(page), { timeout: 15_000 }).toBe(HAND.replace('w * x ', 'mul(w) '));
    await expect
      .poll(() => page.textContent('[data-testid=editor-problems]'), { timeout: 15_000 })
      .toBe('4:7 node "z", field inputs: mul takes 2 inputs (a, b), got 1');
    // the last good graph stays on the canvas, edge and all
    expect(await inputsOf(page, 'z')).toEqual(['w', 'x']);
    expect(await page.$(edge)).not.toBeNull();
    await shot(page, 'editor-edge-deleted-1280x720');
    // undo over the canvas: the exact text, and it runs again
    await page.keyboard.press('Control+Z');
    await expect.poll(() => draft(page), { timeout: 15_000 }).toBe(HAND);
    await expect.poll(() => page.textContent('[data-testid=editor-problems]'), { timeout: 15_000 }).toBe('');
    expect(errors).toEqual([]);
  }, 120_000);
});
