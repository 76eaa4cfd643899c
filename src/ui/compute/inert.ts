import type { Check, Fact, LessonBlocks } from '../../engine/exercise';

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

/** A lesson's checks and blocks with every string through inertText (numbers untouched). */
export function inertLesson(lesson: { checks: Check[]; blocks: LessonBlocks }): { checks: Check[]; blocks: LessonBlocks } {
  const b = lesson.blocks;
  return {
    checks: lesson.checks.map((c) => ({ ...c, name: inertText(c.name), got: inertAny(c.got), expected: inertAny(c.expected) })),
    blocks: {
      ...b,
      series: b.series?.map((s) => ({
        ...s,
        title: inertText(s.title),
        xLabel: inertText(s.xLabel),
        yLabel: inertText(s.yLabel),
        lines: s.lines.map((l) => ({ ...l, label: inertText(l.label), quantity: inertText(l.quantity) })),
      })),
      training: b.training && { ...b.training, runs: b.training.runs.map((r) => ({ ...r, label: inertText(r.label) })) },
      tables: b.tables?.map((t) => ({
        ...t,
        title: inertText(t.title),
        columns: t.columns.map((c) => inertText(c)),
        rows: t.rows.map((r) => r.map((v) => (typeof v === 'string' ? inertText(v) : v))),
      })),
      facts: b.facts && inertFacts(b.facts),
      memory: b.memory && { ...b.memory, marks: inertFacts(b.memory.marks), facts: inertFacts(b.memory.facts) },
      estimators: b.estimators?.map((e) => ({ ...e, label: inertText(e.label) })),
      estimatorTarget: b.estimatorTarget && inertFacts([b.estimatorTarget])[0],
    },
  };
}

const inertFacts = (facts: readonly Fact[]): Fact[] => facts.map((f) => ({ ...f, label: inertText(f.label) }));

/** Strings anywhere inside a JSON-like value (a check's got/expected). */
function inertAny(v: unknown): unknown {
  if (typeof v === 'string') return inertText(v);
  if (Array.isArray(v)) return v.map(inertAny);
  return v;
}
