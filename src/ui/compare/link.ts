import type { OptionValue } from '../../core/types';
import type { CompareState, CompareView } from './state';

/**
 * Compare mode in a link: `compare=opt.activation=relu,opt.init=he` (pane B's options over A's,
 * comma-separated; the `opt.` prefix may be left out, as in the embed attribute; a value with a
 * comma in it is percent-encoded), `compare=` alone compares A with itself (then change B in the
 * bar), `compareView=ratio` opens the ratio view. Values stay strings: the engine coerces them to
 * each option's declared type, as it does for `opt.*`.
 */
export interface CompareLink {
  options: Record<string, string>;
  view: CompareView;
}

const PREFIX = 'opt.';

/** `opt.a=x,opt.b=y` (or `a=x, b=y`) → `{a: 'x', b: 'y'}`; items without a name are dropped. */
export function parseCompareList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    // The link's own syntax (`opt.` as in `opt.*` parameters), not a graph's names.
    const param = item.slice(0, eq).trim();
    const name = param.startsWith(PREFIX) ? param.slice(PREFIX.length) : param;
    if (!name) continue;
    let value = item.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // a lone % stays as written
    }
    out[name] = value;
  }
  return out;
}

/** The link's compare mode, or null when it has none. */
export function parseCompareLink(search: string): CompareLink | null {
  const p = new URLSearchParams(search);
  const list = p.get('compare');
  if (list === null) return null;
  return { options: parseCompareList(list), view: p.get('compareView') === 'ratio' ? 'ratio' : 'panes' };
}

/** The list as parseCompareList reads it (`opt.name=value`; `%` and `,` in a value escaped). */
export function compareList(options: Readonly<Record<string, OptionValue>>): string {
  return Object.entries(options)
    .map(([k, v]) => `${PREFIX}${k}=${String(v).replaceAll('%', '%25').replaceAll(',', '%2C')}`)
    .join(',');
}

/** One list item in a query string: URL-encoded, but its `=` and the list's `,` left readable. */
const inQuery = (list: string) => encodeURIComponent(list).replaceAll('%3D', '=').replaceAll('%2C', ',');

/**
 * A query string with compare mode set as `c` has it (or removed when it is off), readable:
 * `…&compare=opt.activation=relu,opt.init=he&compareView=ratio`.
 */
export function withCompare(search: string, c: Pick<CompareState, 'options' | 'view'>): string {
  const p = new URLSearchParams(search);
  p.delete('compare');
  p.delete('compareView');
  const rest = p.toString();
  if (c.options === null) return `?${rest}`;
  const list = Object.entries(c.options)
    .map(([k, v]) => compareList({ [k]: v }))
    .map(inQuery)
    .join(',');
  return `?${rest}${rest ? '&' : ''}compare=${list}${c.view === 'ratio' ? '&compareView=ratio' : ''}`;
}
