import { gfToGraphObject, isGfName, looksLikeGf, placeInGfText } from '../lang/sniff';
import type { Problem } from './errors';
import { MAX_FILE_BYTES, MAX_NESTING, MAX_RANK } from './limits';

/**
 * The one loader of graph files, for the CLI and the explorer alike: a file's text → the
 * untrusted object the schema validates next, or the one located problem that stopped it.
 * DOM- and Node-free (the CLI reads the file, the explorer gets text from a file, a paste or a
 * fetch); the messages are the same everywhere.
 */

/** A loaded value, or the one problem that stopped it. */
export type Loaded<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/** Field of a problem with the file itself (the CLI's `<graph>` argument): size, empty, not JSON. */
export const FILE_FIELD = '<graph>';

/** UTF-8 size of a string, without encoding it. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else n += 3;
  }
  return n;
}

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The problem for a file of `bytes` bytes, or null when it is within the limit. */
export function sizeProblem(name: string, bytes: number, limit = MAX_FILE_BYTES): Problem | null {
  if (bytes <= limit) return null;
  return {
    field: FILE_FIELD,
    message: `${name} is ${megabytes(bytes)} (${bytes} bytes); the limit is ${megabytes(limit)} (${limit} bytes)`,
  };
}

export interface GraphTextOptions {
  /** What the messages call the text: a path, a file name, `pasted JSON`. */
  name: string;
  /** Largest size accepted, in UTF-8 bytes. */
  limit?: number;
}

/** Any JSON file's text → its value: too big, empty, not JSON → one problem under `<graph>`. */
export function parseJsonText(text: string, { name, limit = MAX_FILE_BYTES }: GraphTextOptions): Loaded<unknown> {
  // Characters never outnumber bytes: count bytes only when it can matter.
  const tooBig = text.length * 3 > limit ? sizeProblem(name, utf8Bytes(text), limit) : null;
  if (tooBig) return { ok: false, problem: tooBig };
  if (text.trim() === '') return { ok: false, problem: { field: FILE_FIELD, message: `${name} is empty` } };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return {
      ok: false,
      problem: { field: FILE_FIELD, message: `${name} is not valid JSON (${e instanceof Error ? e.message : String(e)})` },
    };
  }
}

/** Graph-language text: a .gf name, or unnamed text that reads like it (src/lang/sniff.ts). */
const isGfText = (text: string, name: string): boolean =>
  text.trim() !== '' && (isGfName(name) || (!/\.json$/i.test(name) && looksLikeGf(text)));

/**
 * The engine's problems with the graph a file's text gave, placed in that text: for a .gf file
 * each at its line and column (as the parser's are), for JSON as they are (node and field).
 */
export function placeProblems(text: string, name: string, problems: readonly Problem[]): Problem[] {
  return isGfText(text, name) ? placeInGfText(text, problems) : [...problems];
}

/**
 * The single entry for graph files: text → the untrusted object the schema validates next.
 * parseJsonText's problems, then: not an object → `(graph)`; nested past MAX_NESTING →
 * located at the node and field.
 */
export function parseGraphText(text: string, o: GraphTextOptions): Loaded<Record<string, unknown>> {
  if (isGfText(text, o.name)) {
    const limit = o.limit ?? MAX_FILE_BYTES;
    const tooBig = text.length * 3 > limit ? sizeProblem(o.name, utf8Bytes(text), limit) : null;
    return tooBig ? { ok: false, problem: tooBig } : gfToGraphObject(text);
  }
  const json = parseJsonText(text, o);
  if (!json.ok) return json;
  const raw = json.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problem: notAnObject(raw) };
  const deep = nestingProblem(raw);
  if (deep) return { ok: false, problem: deep };
  return { ok: true, value: raw as Record<string, unknown> };
}

/** The first place `raw` nests deeper than `limit`, as a located problem (iterative: no recursion). */
export function nestingProblem(raw: object, limit = MAX_NESTING): Problem | null {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: raw, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop() as { v: unknown; path: (string | number)[] };
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= limit) return locateDeep(raw, path, limit);
    // arrays by index: a million-number literal allocates nothing here
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (v[i] !== null && typeof v[i] === 'object') stack.push({ v: v[i], path: [...path, i] });
    } else {
      for (const k of Object.keys(v)) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== null && typeof x === 'object') stack.push({ v: x, path: [...path, k] });
      }
    }
  }
  return null;
}

function locateDeep(raw: object, path: (string | number)[], limit: number): Problem {
  const [top, index, key] = path;
  const node = top === 'nodes' && typeof index === 'number' ? (raw as { nodes: unknown[] }).nodes[index] : undefined;
  const id =
    node && typeof node === 'object' && typeof (node as { id?: unknown }).id === 'string' ? (node as { id: string }).id : `#${index}`;
  // a literal this deep is past the engine's own rank limit: say it the engine's way
  if (node !== undefined && key === 'value') return { node: id, field: 'value', message: `nested deeper than ${MAX_RANK} levels` };
  const field = path
    .slice(node !== undefined ? 2 : 0, 6)
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${k}`))
    .join('');
  return { ...(node !== undefined ? { node: id } : {}), field: `${field}…`, message: `nested more than ${limit} levels deep` };
}

/** The message for a top-level value that is not a graph object. */
export function notAnObject(raw: unknown): Problem {
  const got = Array.isArray(raw) ? 'an array' : (JSON.stringify(raw)?.slice(0, 40) ?? String(raw));
  return { field: '(graph)', message: `expected a JSON object with "nodes" and "objectives", got ${got}` };
}
