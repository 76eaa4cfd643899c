import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { counterText, drawn, edgeStates, pagesPerTest, ready, type Watched } from './browser';

const base = inject('baseUrl');
/** Set GF_SCREENS=/some/dir to save screenshots of what the tests see. */
const SCREENS = process.env.GF_SCREENS;

const pages = pagesPerTest();
let w: Watched;

async function open(query: string, o: { reducedMotion?: 'reduce' } = {}): Promise<Page> {
  w = await pages.open(o);
  await w.page.goto(`${base}${query}`);
  return w.page;
}

async function readDownload(d: Download): Promise<Buffer> {
  const stream = await d.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SCREENS) return;
  mkdirSync(SCREENS, { recursive: true });
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(SCREENS, `${name}.png`) });
}

/** Edges from each gradient leaf (input/param) into its consumer, read from the page's own graph. */
const gradLeafEdges = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const s = (globalThis as any).__gradflow.getState();
    const nodes = s.run.graph.nodes as { id: string; op: string; role: string | null; inputs: string[] }[];
    const leaves = new Set(nodes.filter((n) => n.op === 'leaf' && (n.role === 'input' || n.role === 'param')).map((n) => n.id));
    return nodes
      .flatMap((n) => n.inputs.map((src, slot) => (leaves.has(src) ? `${src}->${n.id}#${slot}` : null)))
      .filter((e): e is string => e !== null);
  });

async function stepThroughByKeyboard(id: string, inputs: string[]) {
  const page = await open(`?graph=${id}`);
  const { k, n } = await ready(page);
  expect(k).toBe(0);
  const edges = await gradLeafEdges(page);
  expect(edges.sort()).toEqual([...inputs].sort());

  // Forward pass by keyboard; remember the view once the forward pass is complete.
  const nForward = await page.evaluate(
    () => (globalThis as any).__gradflow.getState().run.trace.steps.filter((s: any) => s.phase === 'forward').length,
  );
  for (let i = 0; i < nForward; i++) await page.keyboard.press('ArrowRight');
  expect(await counterText(page)).toBe(`${nForward} / ${n}`);
  const forwardView = await edgeStates(page);
  expect(Object.values(forwardView).every((e) => e.norm === '' && e.phase !== 'backward')).toBe(true);
  await shot(page, `${id}-forward`);

  await page.keyboard.press('End');
  expect(await counterText(page)).toBe(`${n} / ${n}`);
  const end = await edgeStates(page);
  for (const e of edges) {
    expect(end[e]?.phase, e).toBe('backward');
    expect(Number(end[e]?.norm), e).toBeGreaterThan(0);
  }
  await shot(page, `${id}-backward-end`);

  // Step back, one key at a time, to the end of the forward pass: exactly the forward view again.
  for (let i = n; i > nForward; i--) await page.keyboard.press('ArrowLeft');
  expect(await counterText(page)).toBe(`${nForward} / ${n}`);
  expect(await edgeStates(page)).toEqual(forwardView);
  await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe(String(nForward));
  expect(w.errors).toEqual([]);
}

describe('explorer end to end (production build)', () => {
  test('ex03 by deep link: keyboard to the end, gradients reach the inputs, stepping back restores the forward view', async () => {
    await stepThroughByKeyboard('ex03-two-layer-backprop', ['W1->W1x#0', 'x->W1x#1', 'b1->z1#1', 'w2->w2a1#0', 'b2->yhat#1']);
  });

  test('the shell carries no tfjs: the engine loads lazily, in a Web Worker, on the wasm backend', async () => {
    const page = await open('?graph=ex03-two-layer-backprop');
    await ready(page);
    const html = await (await fetch(base)).text();
    const entry = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const shell = await (await fetch(new URL(entry as string, base))).text();
    // a flag every tfjs build registers; the engine chunk has it, the shell must not
    expect(shell).not.toContain('WEBGL_VERSION');
    expect(page.workers().some((wk) => /\/worker-[\w-]+\.js$/.test(wk.url()))).toBe(true);
    expect(await page.evaluate(() => (globalThis as any).__gradflow.getState().run.backend)).toBe('wasm');
    expect(w.errors).toEqual([]);
  });

  test('ex06 (attention) the same way', async () => {
    await stepThroughByKeyboard('ex06-attention-backward', ['Q->S#0', 'K->S#1', 'V->O#1']);
  });

  test('a deep link with step and node restores them; the URL follows as you step', async () => {
    const page = await open('?graph=ex03-two-layer-backprop&step=9&node=W1');
    const { k, n } = await ready(page);
    expect([k, n]).toEqual([9, 13]);
    await expect.poll(() => page.textContent('[data-testid=inspector-title]')).toBe('W1');
    expect(await page.getAttribute('[data-testid=node-W1]', 'class')).toContain('is-selected');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => new URL(page.url()).search).toBe('?graph=ex03-two-layer-backprop&step=11&node=W1');

    // options travel in the link too
    await page.goto(`${base}?graph=ex04-vanishing-gradients&opt.activation=relu&opt.init=he&step=3`);
    await ready(page);
    expect(await page.$eval('select[aria-label="Activation"]', (e) => (e as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(
      'relu',
    );
    expect(await counterText(page)).toMatch(/^3 \//);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => new URL(page.url()).search).toBe('?graph=ex04-vanishing-gradients&step=4&opt.activation=relu&opt.init=he');
    expect(w.errors).toEqual([]);
  });

  test('editing a value in place recomputes and keeps the cursor', async () => {
    const page = await open('?graph=ex03-two-layer-backprop&step=13');
    await ready(page);
    const loss = () => page.textContent('[data-testid=node-loss] .gf-node__part:first-child');
    expect(await loss()).toContain('0.0722');
    await page.click('[data-testid=node-b2] .gf-num--editable');
    await page.fill('[data-testid=node-b2] input', '0.5');
    await page.keyboard.press('Enter');
    // ŷ = 0.62 + 0.5 = 1.12, L = ½(1.12 − 1)² = 0.0072
    await expect.poll(loss).toContain('0.0072');
    expect(await counterText(page)).toBe('13 / 13');
    expect(w.errors).toEqual([]);
  });

  test('a NaN typed in and an invalid graph file: located error panel, last good trace on screen, text kept', async () => {
    const page = await open('?graph=ex03-two-layer-backprop&step=13');
    await ready(page);
    await page.click('[data-testid=node-b2] .gf-num--editable');
    await page.fill('[data-testid=node-b2] input', 'NaN');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=error-panel]');
    expect(await page.getAttribute('[data-testid=error-panel] li', 'data-node')).toBe('b2');
    expect(await page.getAttribute('[data-testid=error-panel] li', 'data-field')).toBe('value');
    expect(await page.textContent('[data-testid=node-b2] .gf-num--editable')).toBe('NaN');
    expect(await page.textContent('[data-testid=node-loss]')).toContain('0.0722');

    const bad = JSON.stringify({
      nodes: [
        { id: 'a', op: 'leaf', value: [1, 2] },
        { id: 'b', op: 'matmul', inputs: ['a', 'a'] },
      ],
      objectives: [{ name: 'o', node: 'b' }],
    });
    await page.getByRole('button', { name: 'Paste JSON…' }).click();
    await page.fill('textarea[aria-label="graph JSON"]', bad);
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await expect.poll(() => page.getAttribute('[data-testid=error-panel] li', 'data-node')).toBe('b');
    expect(await page.textContent('[data-testid=error-panel]')).toMatch(/both inputs are vectors/);
    expect(await page.inputValue('textarea[aria-label="graph JSON"]')).toBe(bad);
    expect(await page.$('[data-testid=node-W1x]')).not.toBeNull();
    expect(await counterText(page)).toBe('13 / 13');
    await shot(page, 'error-panel');

    const good = JSON.stringify({
      title: 'my graph',
      nodes: [
        // L = a², ∂L/∂a = 2a = 6
        { id: 'a', op: 'leaf', value: 3, role: 'param' },
        { id: 'sq', op: 'square', inputs: ['a'], label: '<b>a²</b>' },
      ],
      objectives: [{ name: 'o', node: 'sq' }],
    });
    await page.fill('textarea[aria-label="graph JSON"]', good);
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await expect.poll(() => page.textContent('[data-testid=graph-title]')).toBe('my graph');
    expect(await page.$('[data-testid=error-panel]')).toBeNull();
    expect(await page.textContent('[data-testid=node-sq] .gf-node__label')).toBe('<b>a²</b>');
    await drawn(page);
    await page.keyboard.press('End');
    await expect.poll(() => page.getAttribute('[data-testid=gf-edge][data-edge-id="a->sq#0"]', 'data-grad-norm')).toBe('6');
    expect(w.errors).toEqual([]);
  });

  test('prefers-reduced-motion: same encoding, no motion', async () => {
    const page = await open('?graph=ex03-two-layer-backprop&step=10', { reducedMotion: 'reduce' });
    await ready(page);
    expect(await page.$$eval('[data-testid=gf-edge][data-active=true]', (e) => e.length)).toBeGreaterThan(0);
    expect(await page.$$eval('[data-testid=gf-edge]', (e) => e.filter((x) => x.getAttribute('data-particles') !== '0').length)).toBe(0);
    expect(await page.getAttribute('[data-edge-id="w2->w2a1#0"]', 'data-grad-norm')).not.toBe('');
    await w.context.close();
    const moving = await open('?graph=ex03-two-layer-backprop&step=10');
    await ready(moving);
    expect(
      await moving.$$eval('[data-testid=gf-edge][data-active=true]', (e) => e.map((x) => Number(x.getAttribute('data-particles')))),
    ).toEqual(expect.arrayContaining([expect.any(Number)]));
    expect(
      await moving.$$eval('[data-testid=gf-edge]', (e) => Math.max(...e.map((x) => Number(x.getAttribute('data-particles'))))),
    ).toBeGreaterThan(0);
  });

  test('presenter mode hides the chrome and enlarges the type', async () => {
    const page = await open('?graph=ex04-vanishing-gradients&step=50&present=1');
    await ready(page);
    expect(await page.$('.gf-graphlist')).toBeNull();
    expect(await page.$('.gf-inspector')).toBeNull();
    const size = await page.$eval('[data-testid=commentary]', (e) => Number.parseFloat(getComputedStyle(e).fontSize));
    expect(size).toBeGreaterThanOrEqual(22);
    await shot(page, 'ex04-presenter');
    expect(w.errors).toEqual([]);
  });

  test('export: the canvas as SVG (the view at the cursor) and as PNG', async () => {
    const page = await open('?graph=ex07-lora-gradients&step=9');
    await ready(page);
    const [svgDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'SVG', exact: true }).click(),
    ]);
    expect(svgDownload.suggestedFilename()).toBe('ex07-lora-gradients-step9.svg');
    const svg = await readDownload(svgDownload);
    expect(svg.toString('utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.toString('utf8')).toContain('LoRA branch');
    expect(svg.toString('utf8')).toContain('step 9 / 9 — backward at BA');
    const [pngDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'PNG', exact: true }).click(),
    ]);
    const png = await readDownload(pngDownload);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // PNG width (big-endian at byte 16) is the SVG's width at 2×
    const svgWidth = Number(/width="(\d+)"/.exec(svg.toString('utf8'))?.[1]);
    expect(png.readUInt32BE(16)).toBe(2 * svgWidth);
    expect(w.errors).toEqual([]);
  });

  test('groups fold and unfold; edges crossing a folded group keep their ids and gradients', async () => {
    const page = await open('?graph=ex07-lora-gradients&step=9');
    await ready(page);
    const norm = await page.getAttribute('[data-edge-id="BA->W#1"]', 'data-grad-norm');
    expect(await page.$('[data-testid=node-BA]')).not.toBeNull();
    await page.getByRole('button', { name: 'fold lora' }).click();
    await page.waitForSelector('[data-testid=node-BA]', { state: 'detached' });
    // Step 9 (backward at BA) is inside the folded block: it names the member and its op.
    expect(await page.textContent('[data-testid=group-lora] [data-testid=folded-now]')).toBe('◀ BA · matmul');
    await drawn(page);
    await page.keyboard.press('Home');
    expect(await counterText(page)).toBe('0 / 9');
    expect(await page.textContent('[data-testid=group-lora]')).toContain('3 nodes');
    await page.keyboard.press('End');
    expect(await counterText(page)).toBe('9 / 9');
    expect(await page.getAttribute('[data-edge-id="BA->W#1"]', 'data-grad-norm')).toBe(norm);
    await page.getByRole('button', { name: 'unfold lora' }).click();
    await page.waitForSelector('[data-testid=node-BA]');
    expect(w.errors).toEqual([]);
  });

  test('predict mode: the arriving gradient is hidden until a guess, then scored', async () => {
    const page = await open('?graph=ex03-two-layer-backprop&step=8&predict=1');
    await ready(page);
    // cursor 8: six forward steps, the seed, then the loss's backward step sends ŷ − y = −0.38 to ŷ
    await page.waitForSelector('[data-testid=predict]');
    expect(await page.getAttribute('[data-edge-id="yhat->loss#0"]', 'data-grad-norm')).toBe('');
    expect(await page.getAttribute('[data-testid=node-yhat]', 'data-grad-state')).toBe('hidden');
    await page.fill('[data-testid=predict] input', '-0.4');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.waitForSelector('[data-testid=predict-result]');
    expect(await page.textContent('[data-testid=predict-result]')).toMatch(/you said -0\.4, it is −0\.38 — off by 5\.3 %/);
    expect(Number(await page.getAttribute('[data-edge-id="yhat->loss#0"]', 'data-grad-norm'))).toBeCloseTo(0.38, 5);
    expect(w.errors).toEqual([]);
  });
});
