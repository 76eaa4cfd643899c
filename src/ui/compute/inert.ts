import type { Check, LessonBlocks } from '../../engine/exercise';

/**
 * Graph text (labels, notes, commentary, titles) is data. React already renders it as text;
 * this also makes invisible characters visible, so a file cannot reorder what the page shows:
 * bidi overrides and isolates, and control characters, become `[U+202E]`-style markers.
 */
// U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069: bidi controls. C0 (but tab, LF, CR), DEL, C1.
// regex: strips control characters from any text
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const INVISIBLE = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

const marker = (c: string): string => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`;

export function inertText(s: string): string;
export function inertText(s: string | undefined): string | undefined;
export function inertText(s: string | undefined): string | undefined {
  return s === undefined ? s : s.replace(INVISIBLE, marker);
}

/**
 * A lesson's checks and blocks with every string through inertText (numbers untouched). It walks
 * the blocks whole, so a new block type is inert without a line here; ids are ASCII by the
 * schema, so inertText leaves the node ids a block names as they are.
 */
export function inertLesson(lesson: { checks: Check[]; blocks: LessonBlocks }): { checks: Check[]; blocks: LessonBlocks } {
  return {
    checks: lesson.checks.map((c) => ({ ...c, name: inertText(c.name), got: inertAny(c.got), expected: inertAny(c.expected) })),
    blocks: inertAny(lesson.blocks) as LessonBlocks,
  };
}

/** Strings anywhere inside a JSON-like value: arrays and plain objects are copied, other values kept. */
function inertAny(v: unknown): unknown {
  if (typeof v === 'string') return inertText(v);
  if (Array.isArray(v)) return v.map(inertAny);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [inertText(k), inertAny(x)]));
  }
  return v;
}
