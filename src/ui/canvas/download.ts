/** Saves a blob as a file through a temporary link. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Decodes an SVG string as an image and hands it to `use`; its object URL is revoked afterwards, whatever happens. */
export async function withSvgImage<T>(svg: string, use: (img: HTMLImageElement) => T | Promise<T>): Promise<T> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    return await use(img);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Draws an SVG string onto a canvas at `scale` and returns it as PNG. */
export function svgToPng(svg: string, scale = 2): Promise<Blob> {
  return withSvgImage(svg, (img) => {
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(img.naturalWidth * scale);
    canvas.height = Math.ceil(img.naturalHeight * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  });
}
