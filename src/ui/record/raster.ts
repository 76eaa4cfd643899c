import { withSvgImage } from '../canvas/download';

/** A 2D canvas the frames are drawn on: an OffscreenCanvas where there is one. */
export type FrameCanvas = OffscreenCanvas | HTMLCanvasElement;

export function frameCanvas(width: number, height: number): FrameCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
}

const context = (c: FrameCanvas): OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D => {
  const ctx = c.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
  if (!ctx) throw new Error('this browser gives no 2D canvas to draw the frames on');
  return ctx;
};

/** Draws an SVG document onto the canvas at the canvas's size, on white (the frame is opaque). */
export function rasterise(svg: string, c: FrameCanvas): Promise<void> {
  return withSvgImage(svg, (img) => {
    const ctx = context(c);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.drawImage(img, 0, 0, c.width, c.height);
  });
}

/** The canvas's pixels (RGBA). */
export const pixelsOf = (c: FrameCanvas): Uint8ClampedArray => context(c).getImageData(0, 0, c.width, c.height).data;
