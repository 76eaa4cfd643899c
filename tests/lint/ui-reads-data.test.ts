import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The UI never guesses meaning from names: no regular expression (and no startsWith / endsWith /
 * includes) over node ids, labels or block keys anywhere in src/ui. A regex that is genuinely
 * about text, not meaning (parsing what a learner typed, escaping, colour strings) carries a
 * `// regex: <why>` comment on its line or the line above; everything else fails here.
 */

const ROOT = 'src/ui';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Code with comments, strings and template text blanked (same length, same lines), regex literals kept. */
function codeOnly(src: string): { code: string; regexAt: number[] } {
  const out = src.split('');
  const regexAt: number[] = [];
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  let prev = ''; // last significant character of code
  let prevWord = '';
  while (i < src.length) {
    const c = src[i] as string;
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
      prev = c;
    } else if (
      c === '/' &&
      next !== '>' && // JSX `/>`
      (prev === '' || '(,=:[!&|?{};+-*%~^>'.includes(prev) || ['return', 'typeof', 'case'].includes(prevWord))
    ) {
      // a regex literal: up to the closing / outside a character class
      let j = i + 1;
      let cls = false;
      while (j < src.length && src[j] !== '\n') {
        const d = src[j];
        if (d === '\\') j++;
        else if (d === '[') cls = true;
        else if (d === ']') cls = false;
        else if (d === '/' && !cls) break;
        j++;
      }
      if (src[j] !== '/') {
        // no closing slash on the line: a division or JSX text (`{a} / {b}`), not a regex
        i++;
        prev = '/';
        continue;
      }
      regexAt.push(i);
      i = j + 1;
      while (/[a-z]/.test(src[i] ?? '')) i++;
      prev = '/';
    } else {
      if (!/\s/.test(c)) {
        prev = c;
        if (/[A-Za-z_$]/.test(c)) {
          let j = i;
          while (/[\w$]/.test(src[j] ?? '')) j++;
          prevWord = src.slice(i, j);
          prev = 'w';
          i = j;
          continue;
        }
        prevWord = '';
      }
      i++;
    }
  }
  return { code: out.join(''), regexAt };
}

/** Names whose text is meaning, not prose: node ids, labels, block and stat keys. */
const NAMES = /\b(id|ids|label|labels|key|keys|nodeId|node|edge|group|op|name)\b/;

interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

function scan(file: string): Finding[] {
  const src = readFileSync(file, 'utf8');
  const lines = src.split('\n');
  const { code, regexAt } = codeOnly(src);
  const codeLines = code.split('\n');
  const lineOf = (at: number) => src.slice(0, at).split('\n').length;
  const found: Finding[] = [];
  /** A `// regex: <why>` note on the line, or in the comment lines right above it. */
  const annotated = (ln: number) => {
    if (/\/\/ regex: \S/.test(lines[ln - 1] ?? '')) return true;
    for (let k = ln - 2; k >= 0 && /^\s*\/\//.test(lines[k] ?? ''); k--) if (/^\s*\/\/ regex: \S/.test(lines[k] ?? '')) return true;
    return false;
  };
  const hits = new Set<number>(regexAt.map(lineOf));
  codeLines.forEach((l, k) => {
    if (/\bRegExp\b/.test(l)) hits.add(k + 1);
  });
  for (const ln of [...hits].sort((a, b) => a - b)) {
    const text = (lines[ln - 1] ?? '').trim();
    const codeText = codeLines[ln - 1] ?? '';
    // what the regex is applied to: the code on its line outside the literal
    if (NAMES.test(codeText.replace(/\/(?:\\.|\[[^\]]*\]|[^/\n])+\/[a-z]*/g, '')))
      found.push({ file, line: ln, text, why: 'regex on a line that handles ids, labels or keys' });
    else if (!annotated(ln)) found.push({ file, line: ln, text, why: 'regex without a `// regex: <why>` note' });
  }
  codeLines.forEach((l, k) => {
    if (/\b(id|label|key|name|op)\s*\??\.\s*(startsWith|endsWith|includes)\(/.test(l))
      found.push({ file, line: k + 1, text: (lines[k] ?? '').trim(), why: 'prefix/suffix test on an id, label or key' });
  });
  return found;
}

describe('the UI reads typed data, never meaning from names', () => {
  test('the scanner finds what it must (it can fail)', () => {
    const probe = (src: string) => {
      const { code, regexAt } = codeOnly(src);
      return { regexes: regexAt.length, code };
    };
    expect(probe('const m = /^[azh](\\d+)$/.exec(id);').regexes).toBe(1);
    expect(probe('const x = a / b / c; // not /a regex/').regexes).toBe(0);
    expect(probe("const s = '/not/' + `a /regex/`;").regexes).toBe(0);
    expect(probe('if (/x/.test(label)) return;').regexes).toBe(1);
    expect(probe('return /[/]/.test(k);').regexes).toBe(1);
    // JSX closing and self-closing tags are not regexes
    expect(probe('const e = <div a={{ b: 1 }} />; const f = <p>x</p>;').regexes).toBe(0);
    expect(probe('const g = (\n  <b>\n    {cursor} / {n}\n  </b>\n);').regexes).toBe(0);
  });

  test('no regex or prefix test over ids, labels or keys in src/ui; every other regex says why', () => {
    const findings = files(ROOT).flatMap(scan);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.why}: ${f.text}`)).toEqual([]);
  });
});
