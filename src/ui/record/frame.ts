import { drawGraph, type ExportView, escapeXml, FONT } from '../canvas/exportSvg';
import type { Structure } from '../canvas/flow';

/** The text of one frame: the graph's title, `step k / N`, the step's phase and node, its commentary. */
export interface FrameText {
  title: string;
  counter: string;
  /** e.g. `backward · z1`; empty before the first step. */
  heading: string;
  commentary: string;
}

/** Splits text into at most `max` lines of about `perLine` characters (words kept whole; an ellipsis when cut). */
export function wrapLines(text: string, perLine: number, max: number): string[] {
  const words = text.replaceAll('\n', ' ').split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if ([...next].length <= perLine || !line) {
      line = next;
      continue;
    }
    lines.push(line);
    line = w;
    if (lines.length === max) break;
  }
  if (lines.length < max && line) lines.push(line);
  else if (lines.length === max && words.join(' ') !== lines.join(' ')) {
    const lastLine = lines[max - 1] as string;
    lines[max - 1] = `${[...lastLine].slice(0, perLine - 1).join('')}…`;
  }
  return lines;
}

/**
 * One video frame as SVG at exactly `width`×`height`: a header band (title, step counter), the
 * graph scaled to fit the middle (aspect kept, centred), a caption band (phase · node, the step's
 * commentary on up to two lines). A pure function of its inputs: the same step gives the same frame.
 */
export function frameSvg(s: Structure, v: Omit<ExportView, 'title' | 'caption'>, text: FrameText, width: number, height: number): string {
  const u = height / 720;
  const head = Math.round(56 * u);
  const foot = Math.round(104 * u);
  const margin = Math.round(24 * u);
  const g = drawGraph(s, v);
  const areaW = width - 2 * margin;
  const areaH = height - head - foot;
  const big = 22 * u;
  const small = 17 * u;
  const perLine = Math.floor(areaW / (small * 0.54));
  const lines = wrapLines(text.commentary, perLine, 2);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin}" y="${(head * 0.64).toFixed(1)}" font-size="${big.toFixed(1)}" font-weight="600" ${FONT} fill="#1d2733">${escapeXml(text.title)}</text>`,
    `<text x="${width - margin}" y="${(head * 0.64).toFixed(1)}" font-size="${big.toFixed(1)}" text-anchor="end" ${FONT} fill="#4a5766">${escapeXml(text.counter)}</text>`,
    `<line x1="0" y1="${head}" x2="${width}" y2="${head}" stroke="#d5dbe2"/>`,
    `<svg x="${margin}" y="${head}" width="${areaW}" height="${areaH}" viewBox="0 0 ${g.w} ${g.h}" preserveAspectRatio="xMidYMid meet">`,
    g.body,
    '</svg>',
    `<rect x="0" y="${height - foot}" width="${width}" height="${foot}" fill="#f4f6f8"/>`,
    `<text x="${margin}" y="${(height - foot + 30 * u).toFixed(1)}" font-size="${big.toFixed(1)}" font-weight="600" ${FONT} fill="#1d2733">${escapeXml(text.heading)}</text>`,
  ];
  lines.forEach((l, i) => {
    out.push(
      `<text x="${margin}" y="${(height - foot + (60 + i * 26) * u).toFixed(1)}" font-size="${small.toFixed(1)}" ${FONT} fill="#33404d">${escapeXml(l)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}
