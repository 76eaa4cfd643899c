import type { GraphSpec } from '../../core/types';
import { download } from '../canvas/download';

const SAFE = new Set('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_');

/**
 * A file name from a graph's title: letters, digits and `_` kept, every other run of characters
 * one `-` (no path separators, dots or spaces can survive), at most 60 characters, `graph` when
 * nothing is left.
 */
export function fileBase(title: string | undefined): string {
  let out = '';
  for (const ch of title ?? '') {
    if (SAFE.has(ch)) out += ch;
    else if (out !== '' && !out.endsWith('-')) out += '-';
    if (out.length >= 60) break;
  }
  while (out.endsWith('-')) out = out.slice(0, -1);
  return out === '' ? 'graph' : out;
}

/** The editor's text as `<title>.gf`, exactly as written (comments and layout kept). */
export function downloadGf(text: string, spec: GraphSpec | undefined): void {
  download(new Blob([text], { type: 'text/plain' }), `${fileBase(spec?.title ?? spec?.id)}.gf`);
}

/** The graph the text compiles to, as the interchange JSON `<title>.json`. */
export function downloadJson(spec: GraphSpec): void {
  download(new Blob([`${JSON.stringify(spec, null, 2)}\n`], { type: 'application/json' }), `${fileBase(spec.title ?? spec.id)}.json`);
}
