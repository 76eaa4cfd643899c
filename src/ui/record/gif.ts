/// <reference path="./gifenc.d.ts" />
import { type OnProgress, type StepFrames, stopIfCancelled } from './frames';
import type { RecordPlan } from './plan';
import { pixelsOf } from './raster';

/** Every how many pixels (in each direction) the palette samples a frame. */
const SAMPLE = 3;

/**
 * A GIF of the shots: one frame per shot shown for its seconds (GIF delays are whole
 * centiseconds), looping forever, with one 256-colour palette for the whole animation built from
 * a sample of every frame. Two passes over the frames (palette, then pixels) rather than holding
 * every frame's pixels: each frame is drawn again, identically (frames are deterministic).
 */
export async function encodeGif(
  frames: StepFrames,
  plan: Pick<RecordPlan, 'width' | 'height'>,
  onProgress: OnProgress,
  signal?: AbortSignal,
): Promise<Blob> {
  const { GIFEncoder, applyPalette, quantize } = await import('gifenc');
  const n = frames.shots.length;
  const { width: W, height: H } = plan;
  const cols = Math.ceil(W / SAMPLE);
  const rows = Math.ceil(H / SAMPLE);
  const sample = new Uint8Array(n * cols * rows * 4);
  let o = 0;
  for (let i = 0; i < n; i++) {
    stopIfCancelled(signal);
    await frames.draw(i);
    const px = pixelsOf(frames.canvas);
    for (let y = 0; y < H; y += SAMPLE)
      for (let x = 0; x < W; x += SAMPLE) {
        const p = (y * W + x) * 4;
        sample[o++] = px[p] as number;
        sample[o++] = px[p + 1] as number;
        sample[o++] = px[p + 2] as number;
        sample[o++] = 255;
      }
    onProgress(i + 1, 2 * n);
  }
  const palette = quantize(sample, 256);
  const gif = GIFEncoder();
  for (let i = 0; i < n; i++) {
    stopIfCancelled(signal);
    await frames.draw(i);
    const delay = Math.round((frames.shots[i] as { seconds: number }).seconds * 100) * 10;
    gif.writeFrame(applyPalette(pixelsOf(frames.canvas), palette), W, H, { palette, delay, repeat: 0 });
    onProgress(n + i + 1, 2 * n);
  }
  gif.finish();
  return new Blob([gif.bytes() as Uint8Array<ArrayBuffer>], { type: 'image/gif' });
}
