/** What a GIF file says about itself, read block by block (GIF89a spec): enough to check a recording. */
export interface GifInfo {
  version: string;
  width: number;
  height: number;
  /** One per image descriptor, in order: its size and its graphic control delay (centiseconds). */
  frames: { width: number; height: number; delayCs: number }[];
  /** NETSCAPE2.0 loop count (0 = forever); null without the extension. */
  loops: number | null;
}

/** Parses a GIF's block structure; throws on a truncated or malformed file. */
export function parseGif(b: Uint8Array): GifInfo {
  let p = 0;
  const need = (n: number) => {
    if (p + n > b.length) throw new Error(`GIF truncated at byte ${p}`);
  };
  const u8 = () => {
    need(1);
    return b[p++] as number;
  };
  const u16 = () => {
    need(2);
    const v = (b[p] as number) | ((b[p + 1] as number) << 8);
    p += 2;
    return v;
  };
  const subBlocks = (): Uint8Array[] => {
    const out: Uint8Array[] = [];
    for (let n = u8(); n !== 0; n = u8()) {
      need(n);
      out.push(b.subarray(p, p + n));
      p += n;
    }
    return out;
  };
  need(6);
  const version = String.fromCharCode(...b.subarray(0, 6));
  p = 6;
  if (!version.startsWith('GIF')) throw new Error('not a GIF');
  const width = u16();
  const height = u16();
  const packed = u8();
  p += 2; // background colour index, pixel aspect
  if (packed & 0x80) p += 3 * (1 << ((packed & 7) + 1));
  const frames: GifInfo['frames'] = [];
  let loops: number | null = null;
  let delayCs = 0;
  for (;;) {
    const kind = u8();
    if (kind === 0x3b) break; // trailer
    if (kind === 0x21) {
      const label = u8();
      const blocks = subBlocks();
      const first = blocks[0];
      if (label === 0xf9 && first) delayCs = (first[1] as number) | ((first[2] as number) << 8);
      if (label === 0xff && first && String.fromCharCode(...first) === 'NETSCAPE2.0') {
        const data = blocks[1];
        if (data) loops = (data[1] as number) | ((data[2] as number) << 8);
      }
      continue;
    }
    if (kind !== 0x2c) throw new Error(`unknown GIF block 0x${kind.toString(16)} at byte ${p - 1}`);
    p += 4; // left, top
    const w = u16();
    const h = u16();
    const local = u8();
    if (local & 0x80) p += 3 * (1 << ((local & 7) + 1));
    u8(); // LZW minimum code size
    subBlocks();
    frames.push({ width: w, height: h, delayCs });
    delayCs = 0;
  }
  return { version, width, height, frames, loops };
}
