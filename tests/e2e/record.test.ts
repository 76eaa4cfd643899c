import { readFileSync } from 'node:fs';
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from 'mediabunny';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { dialogStyle, RECORD_DIALOG_LOOK } from '../record/dialogStyle';
import { parseGif } from '../record/gif';
import { ACT_SWITCH } from '../tracks/fixtures';
import { launch, openPage, ready, serveGraph, type Watched } from './browser';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Counts object URLs not yet revoked and VideoFrames not yet closed, from before the app loads
 * (a recording must leave both where they were), and keeps the URLs of the download links
 * clicked (the app revokes one a moment after its click, once the download has begun).
 */
const LEAK_PROBE = `
globalThis.__name ??= (f) => f;
{
  const urls = new Set();
  const create = URL.createObjectURL.bind(URL);
  const revoke = URL.revokeObjectURL.bind(URL);
  URL.createObjectURL = (o) => { const u = create(o); urls.add(u); return u; };
  URL.revokeObjectURL = (u) => { urls.delete(u); revoke(u); };
  let frames = 0;
  if (globalThis.VideoFrame) {
    const Base = globalThis.VideoFrame;
    globalThis.VideoFrame = class extends Base {
      constructor(...a) { super(...a); frames++; this.__open = true; }
      close() { if (this.__open) { this.__open = false; frames--; } super.close(); }
    };
  }
  const saved = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.download) saved.push(this.href);
    return click.call(this);
  };
  globalThis.__leaks = () => ({ urls: urls.size, frames });
  globalThis.__savedLinks = () => ({ clicked: saved.length, open: saved.filter((u) => urls.has(u)).length });
}`;

/**
 * The app at `query`, drawn, with the leak probe; `o.file` is served first as
 * /graphs/<name>.json (link it with `src=`). Console and page errors are collected.
 */
async function openApp(
  query: string,
  o: { viewport?: { width: number; height: number }; file?: { name: string; body: string } } = {},
): Promise<Watched> {
  const w = await openPage(browser, { viewport: o.viewport, acceptDownloads: true, reducedMotion: 'reduce' });
  if (o.file) await serveGraph(w.page, o.file.name, o.file.body);
  await w.page.addInitScript({ content: LEAK_PROBE });
  await w.page.goto(`${base}${query}`);
  await ready(w.page);
  return w;
}

const explorerState = (page: Page) =>
  page.evaluate(() => {
    const s = (globalThis as any).__gradflow.getState();
    return { cursor: s.cursor as number, act: s.run.options.act as string };
  });

const bytesOf = async (d: Download): Promise<Uint8Array> => new Uint8Array(readFileSync((await d.path()) as string));
const leaks = (page: Page) => page.evaluate(() => (globalThis as any).__leaks() as { urls: number; frames: number });

/** Waits until the link of every download clicked (`count` of them) has had its URL revoked. */
async function linksRevoked(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => {
    const l = (globalThis as any).__savedLinks();
    return l.clicked === n && l.open === 0;
  }, count);
}

/** Step indices of the trace's seed/backward steps, read from the store's typed trace. */
const backwardSteps = (page: Page) =>
  page.evaluate(() => {
    const steps = (globalThis as any).__gradflow.getState().run.trace.steps as { phase: string }[];
    const idx = steps.flatMap((s, i) => (s.phase === 'seed' || s.phase === 'backward' ? [i] : []));
    return { first: idx[0] as number, last: idx[idx.length - 1] as number, length: steps.length };
  });

async function recordWith(
  page: Page,
  o: { what?: string; from?: number; to?: number; size?: string; seconds?: number; fps?: number; format: 'webm' | 'gif' },
) {
  await page.click('[data-testid=record-open]');
  await page.waitForSelector('[data-testid=record-dialog][open]');
  if (o.what !== undefined) await page.selectOption('[data-testid=record-what]', o.what);
  if (o.fps !== undefined) await page.fill('[data-testid=record-fps]', String(o.fps));
  if (o.from !== undefined) await page.fill('[data-testid=record-from]', String(o.from));
  if (o.to !== undefined) await page.fill('[data-testid=record-to]', String(o.to));
  if (o.size) await page.selectOption('[data-testid=record-size]', o.size);
  if (o.seconds !== undefined) await page.fill('[data-testid=record-seconds]', String(o.seconds));
  await page.check(`[data-testid=record-${o.format}]`);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 240_000 }), page.click('[data-testid=record-start]')]);
  await page.waitForSelector('[data-testid=record-done]');
  return download;
}

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');

/** Numbers of a path's d, in order. */
// regex: numbers in an SVG path
const numbersOf = (d: string): number[] => (d.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? []).map(Number);
const unescapeXml = (s: string) =>
  s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');

describe('the SVG export (the frames are built from it) draws edges where the canvas does', () => {
  for (const graph of ['ex09-residual-flow', 'ex04-vanishing-gradients']) {
    test(`${graph} at 1920×1080 (wrapped into rows): every edge's path, routed ones included, equals the canvas's`, async () => {
      const { page, errors } = await openApp(`?graph=${graph}&step=5`, { viewport: { width: 1920, height: 1080 } });
      const canvas = await page.$$eval('[data-testid=gf-edge]', (els) =>
        els.map((e) => [(e as HTMLElement).dataset.edgeId as string, e.querySelector('.gf-edge__line')?.getAttribute('d') ?? ''] as const),
      );
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'SVG', exact: true }).click()]);
      const svg = new TextDecoder().decode(await bytesOf(download));
      const exported = new Map(
        [...svg.matchAll(/<path data-edge-id="([^"]+)" d="([^"]+)"/g)].map((m) => [unescapeXml(m[1] as string), m[2] as string]),
      );
      expect(exported.size).toBe(canvas.length);
      let routed = 0;
      for (const [id, d] of canvas) {
        const mine = exported.get(id) ?? '';
        if (mine.includes('Q')) routed++;
        // Same commands, same points (React Flow's handle measurements carry float noise).
        expect(mine.replace(/[^MLCQ]/g, ''), id).toBe(d.replace(/[^MLCQ]/g, ''));
        const a = numbersOf(d);
        const b = numbersOf(mine);
        expect(b.length, id).toBe(a.length);
        expect(Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number)))), id).toBeLessThan(0.01);
      }
      expect(routed).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    });
  }
});

describe('walkthrough recording', () => {
  test('ex03’s backward phase to WebM: one frame per 1/30 s, 30 per step, 1280×720, decodes; nothing leaks', {
    timeout: 300_000,
  }, async () => {
    const { page, errors } = await openApp('?graph=ex03-two-layer-backprop');
    const b = await backwardSteps(page);
    const steps = b.last - b.first + 1;
    expect(steps).toBeGreaterThan(4);
    const before = await leaks(page);
    await page.click('[data-testid=record-open]');
    await page.waitForSelector('[data-testid=record-dialog][open]');
    // The default range is the backward phase (cursor k = step k done).
    expect(Number(await page.inputValue('[data-testid=record-from]'))).toBe(b.first + 1);
    expect(Number(await page.inputValue('[data-testid=record-to]'))).toBe(b.last + 1);
    expect(await page.isChecked('[data-testid=record-webm]')).toBe(true);
    expect(await page.textContent('[data-testid=record-summary]')).toBe(`${steps} steps, ${steps.toFixed(1)} s (${steps * 30} frames)`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=record-dialog]', { state: 'detached' });

    const download = await recordWith(page, { format: 'webm' });
    expect(download.suggestedFilename()).toBe(`ex03-two-layer-backprop-steps-${b.first + 1}-${b.last + 1}.webm`);
    const file = await bytesOf(download);
    expect([...file.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]); // EBML

    // Demuxed in Node: the track, the packets, their timestamps and key frames.
    const input = new Input({ source: new BufferSource(file), formats: ALL_FORMATS });
    const track = await input.getPrimaryVideoTrack();
    expect(track).not.toBeNull();
    if (!track) return;
    expect([track.codec, track.displayWidth, track.displayHeight]).toEqual(['vp8', 1280, 720]);
    const packets = [];
    for await (const p of new EncodedPacketSink(track).packets()) packets.push(p);
    expect(packets).toHaveLength(steps * 30);
    packets.forEach((p, n) => {
      expect(Math.abs(p.timestamp - n / 30), `frame ${n}`).toBeLessThanOrEqual(0.0011); // WebM keeps milliseconds
      expect(p.type, `frame ${n}`).toBe(n % 30 === 0 ? 'key' : 'delta');
    });
    expect(await input.computeDuration()).toBeCloseTo(steps, 2);

    // Decoded in the page with VideoDecoder: the first frame, and the last from its step's key frame.
    const config = await track.getDecoderConfig();
    // The file says its colours are full-range sRGB-like BT.709 (as the encoder wrote them), or players show it washed out.
    expect(config?.colorSpace?.fullRange).toBe(true);
    const lastKey = packets.length - 30;
    const decoded = await page.evaluate(
      async ({ config, first, tail }) => {
        const bytes = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
        const decode = async (chunks: { data: string; ts: number; key: boolean }[]) => {
          const out: VideoFrame[] = [];
          const dec = new VideoDecoder({ output: (f) => out.push(f), error: (e) => out.push(e as never) });
          dec.configure(config as VideoDecoderConfig);
          for (const c of chunks)
            dec.decode(new EncodedVideoChunk({ type: c.key ? 'key' : 'delta', timestamp: c.ts, data: bytes(c.data) }));
          await dec.flush();
          dec.close();
          const f = out[out.length - 1] as VideoFrame;
          const rgba = new Uint8Array(f.allocationSize({ format: 'RGBA' }));
          await f.copyTo(rgba, { format: 'RGBA' });
          const info = { frames: out.length, w: f.displayWidth, h: f.displayHeight, ts: f.timestamp };
          for (const x of out) x.close();
          return { ...info, px: Array.from(rgba) };
        };
        const a = await decode(first);
        const z = await decode(tail);
        const at = (p: number[], x: number, y: number) => p.slice((y * a.w + x) * 4, (y * a.w + x) * 4 + 3);
        let diff = 0;
        for (let i = 0; i < a.px.length; i += 4) diff += Math.abs((a.px[i] as number) - (z.px[i] as number));
        return {
          a: { frames: a.frames, w: a.w, h: a.h, ts: a.ts, corner: at(a.px, 4, 4), caption: at(a.px, 4, a.h - 6) },
          z: { frames: z.frames, w: z.w, h: z.h, ts: z.ts, corner: at(z.px, 4, 4), caption: at(z.px, 4, z.h - 6) },
          meanDiff: diff / (a.px.length / 4),
        };
      },
      {
        config: JSON.parse(JSON.stringify(config)),
        first: [{ data: b64((packets[0] as (typeof packets)[0]).data), ts: 0, key: true }],
        tail: packets.slice(lastKey).map((p) => ({ data: b64(p.data), ts: Math.round(p.timestamp * 1e6), key: p.type === 'key' })),
      },
    );
    expect(decoded.a).toMatchObject({ frames: 1, w: 1280, h: 720, ts: 0 });
    expect(decoded.z).toMatchObject({ frames: 30, w: 1280, h: 720 });
    expect(decoded.z.ts).toBe(Math.round(((packets.length - 1) / 30) * 1000) * 1000);
    // White page, grey caption band (#f4f6f8), up to the codec's rounding.
    for (const f of [decoded.a, decoded.z]) {
      expect(
        f.corner.map((c) => Math.abs(c - 255) <= 6),
        `page ${f.corner}`,
      ).toEqual([true, true, true]);
      expect(
        f.caption.map((c, i) => Math.abs(c - ([0xf4, 0xf6, 0xf8][i] as number)) <= 6),
        `caption band ${f.caption}`,
      ).toEqual([true, true, true]);
    }
    // The first and last steps are different pictures (counter, caption, gradients).
    expect(decoded.meanDiff).toBeGreaterThan(0.5);

    // A <video> element plays it: size and length.
    const video = await page.evaluate(async (data) => {
      const url = URL.createObjectURL(new Blob([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], { type: 'video/webm' }));
      const v = document.createElement('video');
      v.src = url;
      await new Promise((r, j) => {
        v.onloadedmetadata = r;
        v.onerror = () => j(new Error(v.error?.message));
      });
      URL.revokeObjectURL(url);
      return { w: v.videoWidth, h: v.videoHeight, duration: v.duration };
    }, b64(file));
    expect([video.w, video.h]).toEqual([1280, 720]);
    expect(video.duration).toBeCloseTo(steps, 1);

    // Nothing left behind once the download link is revoked (a moment after the click).
    await linksRevoked(page, 1);
    expect(await leaks(page)).toEqual(before);
    expect(errors).toEqual([]);
  });

  test('a step range to GIF at 1920×1080: opens, one frame per step with its delay; the same range gives the same file', {
    timeout: 300_000,
  }, async () => {
    const { page, errors } = await openApp('?graph=ex03-two-layer-backprop');
    const before = await leaks(page);
    const first = await recordWith(page, { from: 3, to: 6, size: '1920x1080', seconds: 0.5, format: 'gif' });
    expect(first.suggestedFilename()).toBe('ex03-two-layer-backprop-steps-3-6.gif');
    const gif = await bytesOf(first);
    const info = parseGif(gif);
    expect(info).toMatchObject({ version: 'GIF89a', width: 1920, height: 1080, loops: 0 });
    expect(info.frames).toEqual(Array.from({ length: 4 }, () => ({ width: 1920, height: 1080, delayCs: 50 })));
    // Chromium's own GIF decoder (ImageDecoder) opens it.
    const decoded = await page.evaluate(async (data) => {
      const d = new ImageDecoder({ data: Uint8Array.from(atob(data), (c) => c.charCodeAt(0)), type: 'image/gif' });
      await d.tracks.ready;
      const count = d.tracks.selectedTrack?.frameCount ?? 0;
      const { image } = await d.decode({ frameIndex: count - 1 });
      const r = { count, w: image.displayWidth, h: image.displayHeight, us: image.duration };
      image.close();
      d.close();
      return r;
    }, b64(gif));
    expect(decoded).toEqual({ count: 4, w: 1920, h: 1080, us: 500_000 });
    // Frame-exact: recording the same range again gives byte-identical output.
    await page.click('[data-testid=record-dialog] button:has-text("Close")');
    await page.waitForSelector('[data-testid=record-dialog]', { state: 'detached' });
    const again = await bytesOf(await recordWith(page, { from: 3, to: 6, size: '1920x1080', seconds: 0.5, format: 'gif' }));
    expect(Buffer.from(again).equals(Buffer.from(gif))).toBe(true);
    await linksRevoked(page, 2);
    expect(await leaks(page)).toEqual(before);
    expect(errors).toEqual([]);
  });

  test('a lecture track: one picture per stop, each held for its pause (else the seconds per step)', { timeout: 240_000 }, async () => {
    const graph = JSON.stringify({
      title: 'a tour',
      nodes: [
        { id: 'a', op: 'leaf', value: 3, role: 'param' },
        { id: 'sq', op: 'square', inputs: ['a'] },
        { id: 'L', op: 'scale', inputs: ['sq'], attrs: { by: 2 } },
      ],
      objectives: [{ name: 'L', node: 'L' }],
      tracks: [
        {
          title: 'chain rule',
          stops: [
            { at: { phase: 'forward', node: 'sq' }, title: 'square', callout: 'a² is computed here' },
            { at: { phase: 'backward', node: 'a' }, title: 'the leaf', pause: 2 },
            { at: { phase: 'end' } },
          ],
        },
      ],
    });
    const { page, context, errors } = await openApp('?src=/graphs/tour.json', { file: { name: 'tour', body: graph } });
    const gif = parseGif(await bytesOf(await recordWith(page, { what: '0', seconds: 0.5, format: 'gif' })));
    expect(await page.textContent('[data-testid=record-summary]')).toBe('3 stops, 3.0 s');
    expect(gif.frames.map((f) => f.delayCs)).toEqual([50, 200, 50]);
    await page.click('[data-testid=record-dialog] button:has-text("Close")');
    await page.waitForSelector('[data-testid=record-dialog]', { state: 'detached' });
    const webm = await recordWith(page, { what: '0', seconds: 0.5, fps: 10, format: 'webm' });
    expect(webm.suggestedFilename()).toBe('custom-track-1.webm');
    const input = new Input({ source: new BufferSource(await bytesOf(webm)), formats: ALL_FORMATS });
    const track = await input.getPrimaryVideoTrack();
    const packets = [];
    if (track) for await (const p of new EncodedPacketSink(track).packets()) packets.push(p);
    // 0.5 s + 2 s + 0.5 s at 10 fps; a key frame where each stop starts.
    expect(packets).toHaveLength(30);
    expect(packets.flatMap((p, n) => (p.type === 'key' ? [n] : []))).toEqual([0, 5, 25]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the dialog is drawn by the app’s stylesheet (the custom element’s shadow root must match: tests/embed/record-style.test.ts)', {
    timeout: 120_000,
  }, async () => {
    const { page, errors } = await openApp('?graph=ex03-two-layer-backprop');
    await page.click('[data-testid=record-open]');
    await page.waitForSelector('[data-testid=record-dialog][open]');
    expect(await dialogStyle(page, null)).toEqual(RECORD_DIALOG_LOOK);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a track that switches options records whole: every stop at its own run, frames = stops × frames per stop; the explorer comes back', {
    timeout: 240_000,
  }, async () => {
    const graph = JSON.stringify({
      title: 'a switch',
      ...ACT_SWITCH,
      tracks: [
        {
          title: 'switch',
          stops: [
            { at: { phase: 'forward', node: 'y' }, title: 'sigmoid', callout: 'σ(h)' },
            { at: { phase: 'backward', node: 'h' }, title: 'to ReLU', set: { act: 'relu' }, callout: 'relu′ = 1' },
            { at: { phase: 'backward', node: 'w' }, title: 'back to sigmoid', set: { act: 'sigmoid' } },
          ],
        },
      ],
    });
    const { page, context, errors } = await openApp('?src=/graphs/switch.json&step=2', { file: { name: 'switch', body: graph } });
    expect(await explorerState(page)).toEqual({ cursor: 2, act: 'sigmoid' });
    await page.click('[data-testid=record-open]');
    await page.waitForSelector('[data-testid=record-dialog][open]');
    await page.selectOption('[data-testid=record-what]', '0');
    await page.fill('[data-testid=record-seconds]', '0.5');
    await page.fill('[data-testid=record-fps]', '10');
    // the stop at relu runs elsewhere: the dialog says how it is recorded, and counts it
    expect(await page.textContent('[data-testid=record-elsewhere]')).toContain('One stop runs at other options');
    expect(await page.$('[data-testid=record-skipped]')).toBeNull();
    expect(await page.textContent('[data-testid=record-summary]')).toBe('3 stops, 1.5 s (15 frames)');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=record-dialog]', { state: 'detached' });

    const webm = await recordWith(page, { what: '0', seconds: 0.5, fps: 10, format: 'webm' });
    expect(webm.suggestedFilename()).toBe('custom-track-1.webm');
    expect(await page.textContent('[data-testid=record-done]')).not.toContain('Left out');
    const input = new Input({ source: new BufferSource(await bytesOf(webm)), formats: ALL_FORMATS });
    const track = await input.getPrimaryVideoTrack();
    const packets = [];
    if (track) for await (const p of new EncodedPacketSink(track).packets()) packets.push(p);
    // 3 stops × 5 frames (0.5 s at 10 fps), a key frame where each stop starts
    expect(packets).toHaveLength(15);
    expect(packets.flatMap((p, n) => (p.type === 'key' ? [n] : []))).toEqual([0, 5, 10]);
    // back where it was: the options and the step it had before recording
    await expect.poll(() => explorerState(page)).toEqual({ cursor: 2, act: 'sigmoid' });
    // the GIF: one frame per stop, each held for its seconds
    await page.click('[data-testid=record-dialog] button:has-text("Close")');
    await page.waitForSelector('[data-testid=record-dialog]', { state: 'detached' });
    const gif = parseGif(await bytesOf(await recordWith(page, { what: '0', seconds: 0.5, format: 'gif' })));
    expect(gif.frames.map((f) => f.delayCs)).toEqual([50, 50, 50]);
    await expect.poll(() => explorerState(page)).toEqual({ cursor: 2, act: 'sigmoid' });
    expect(errors).toEqual([]);
    await context.close();
  });

  test('Cancel stops a recording: no file, the dialog ready again, every VideoFrame closed and URL revoked', {
    timeout: 240_000,
  }, async () => {
    const { page, errors } = await openApp('?graph=ex03-two-layer-backprop');
    const before = await leaks(page);
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.click('[data-testid=record-open]');
    await page.waitForSelector('[data-testid=record-dialog][open]');
    await page.fill('[data-testid=record-from]', '1');
    await page.selectOption('[data-testid=record-size]', '1920x1080');
    await page.click('[data-testid=record-start]');
    await page.waitForFunction(() => Number(document.querySelector<HTMLProgressElement>('[data-testid=record-progress]')?.value) >= 1);
    await page.click('[data-testid=record-cancel]');
    await page.waitForSelector('[data-testid=record-start]');
    expect(await page.$('[data-testid=record-progress]')).toBeNull();
    expect(await page.$('[data-testid=record-error]')).toBeNull();
    // The dialog is idle again only once the encoder has given up (every frame closed, every
    // URL revoked): nothing is left to happen, so the counts are read now.
    expect(downloads).toBe(0);
    expect(await page.evaluate(() => (globalThis as any).__savedLinks().clicked)).toBe(0);
    expect(await leaks(page)).toEqual(before);
    expect(errors).toEqual([]);
  });

  test('without WebCodecs the dialog says so, offers GIF only, and GIF still records', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.addInitScript({ content: 'delete globalThis.VideoEncoder; delete globalThis.VideoFrame;' });
    await page.goto(`${base}?graph=ex03-two-layer-backprop`);
    await ready(page);
    await page.click('[data-testid=record-open]');
    await page.waitForSelector('[data-testid=record-no-webcodecs]');
    expect(await page.isDisabled('[data-testid=record-webm]')).toBe(true);
    expect(await page.isChecked('[data-testid=record-gif]')).toBe(true);
    await page.fill('[data-testid=record-to]', await page.inputValue('[data-testid=record-from]'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=record-start]')]);
    expect(parseGif(await bytesOf(download)).frames).toHaveLength(1);
    await context.close();
  });
});
