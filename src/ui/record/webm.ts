import { Cancelled, type OnProgress, type StepFrames, stopIfCancelled } from './frames';
import { framesFor, type RecordPlan } from './plan';

/** The codec the WebM uses: VP8 (every WebCodecs encoder has it; fast in software). */
export const WEBM_CODEC = 'vp8';

/** Whether this browser can encode the WebM at that size (WebCodecs present and VP8 supported). */
export async function webmSupported(width: number, height: number): Promise<boolean> {
  if (typeof VideoEncoder === 'undefined' || typeof VideoFrame === 'undefined') return false;
  try {
    const r = await VideoEncoder.isConfigSupported({ codec: WEBM_CODEC, width, height });
    return r.supported === true;
  } catch {
    return false;
  }
}

/** Exact integer microseconds of frame n at `fps` (rounded per frame, so no drift accumulates). */
export const frameTimestamp = (n: number, fps: number): number => Math.round((n * 1_000_000) / fps);

/**
 * Encodes the shots to a WebM: every shot is `seconds × fps` identical frames at `fps`, each with
 * its exact timestamp and duration, the first of each step a key frame (a player can seek to any
 * step). VideoEncoder (WebCodecs) encodes, mediabunny muxes. Every VideoFrame is closed.
 */
export async function encodeWebm(
  frames: StepFrames,
  plan: Pick<RecordPlan, 'width' | 'height' | 'fps'>,
  onProgress: OnProgress,
  signal?: AbortSignal,
): Promise<Blob> {
  const mb = await import('./mux');
  const target = new mb.BufferTarget();
  const output = new mb.Output({ format: new mb.WebMOutputFormat(), target });
  const source = new mb.EncodedVideoPacketSource(WEBM_CODEC);
  output.addVideoTrack(source, { frameRate: plan.fps });
  await output.start();
  let failure: unknown = null;
  let muxed = Promise.resolve();
  const encoder = new VideoEncoder({
    output: (chunk, meta) => {
      const packet = mb.EncodedPacket.fromEncodedChunk(chunk);
      muxed = muxed.then(() => source.add(packet, meta));
    },
    error: (e) => {
      failure = e;
    },
  });
  encoder.configure({
    codec: WEBM_CODEC,
    width: plan.width,
    height: plan.height,
    framerate: plan.fps,
    bitrate: Math.round(plan.width * plan.height * 2.5),
  });
  const frameUs = (n: number) => frameTimestamp(n + 1, plan.fps) - frameTimestamp(n, plan.fps);
  try {
    let n = 0;
    for (let i = 0; i < frames.shots.length; i++) {
      stopIfCancelled(signal);
      await frames.draw(i);
      const each = framesFor((frames.shots[i] as { seconds: number }).seconds, plan.fps);
      const still = new VideoFrame(frames.canvas, { timestamp: frameTimestamp(n, plan.fps), duration: frameUs(n) });
      try {
        for (let k = 0; k < each; k++, n++) {
          const f = k === 0 ? still : new VideoFrame(still, { timestamp: frameTimestamp(n, plan.fps), duration: frameUs(n) });
          try {
            encoder.encode(f, { keyFrame: k === 0 });
          } finally {
            if (f !== still) f.close();
          }
          // Backpressure: never more than a few frames waiting in the encoder.
          while (encoder.encodeQueueSize > 4) await new Promise((r) => encoder.addEventListener('dequeue', r, { once: true }));
          if (failure) throw failure;
          stopIfCancelled(signal);
        }
      } finally {
        still.close();
      }
      onProgress(i + 1, frames.shots.length);
    }
    await encoder.flush();
    await muxed;
    if (failure) throw failure;
    await output.finalize();
  } catch (e) {
    if (encoder.state !== 'closed') encoder.close();
    await output.cancel().catch(() => undefined);
    throw e instanceof Cancelled ? e : e instanceof Error ? e : new Error(String(e));
  }
  if (encoder.state !== 'closed') encoder.close();
  if (!target.buffer) throw new Error('the WebM muxer produced no file');
  return new Blob([target.buffer], { type: 'video/webm' });
}
