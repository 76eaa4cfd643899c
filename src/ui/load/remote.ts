import type { Problem } from '../../core/errors';
import { MAX_FILE_BYTES } from '../../core/limits';
import type { Loaded } from '../../core/load';
import { readCapped } from './readCapped';

/** Field of a problem with a `?src=` link. */
export const SRC_FIELD = 'src';

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);
const refuse = (message: string): { ok: false; problem: Problem } => ({ ok: false, problem: { field: SRC_FIELD, message } });
const WHERE_FROM = 'a graph loads from this site, from a file you open, or from JSON you paste';

/**
 * `?src=<path>` → the URL to fetch, only when it resolves to this page's own origin over
 * http(s). Anything else (another site, `javascript:`, `data:`, credentials) is refused.
 */
export function resolveGraphUrl(src: string, page: string): Loaded<URL> {
  if (src.trim() === '') return refuse('is empty: give a path on this site, e.g. ?src=/graphs/my-graph.json');
  const here = new URL(page);
  let url: URL;
  try {
    url = new URL(src, here);
  } catch {
    return refuse(`"${clip(src)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse(`"${clip(src)}" is a ${url.protocol} URL: ${WHERE_FROM}`);
  if (url.origin !== here.origin) return refuse(`"${clip(src)}" is on ${url.origin}, not on this site (${here.origin}): ${WHERE_FROM}`);
  if (url.username || url.password) return refuse(`"${clip(src)}" carries a user name or password: give a plain path`);
  return { ok: true, value: url };
}

/** What to call a fetched file in messages: its path on this site. */
export const nameOf = (url: URL): string => `${url.pathname}${url.search}`;

/**
 * GETs a same-origin URL (fetch mode `same-origin`: a redirect elsewhere fails) and reads at
 * most `limit` bytes: a declared Content-Length over it is refused unread, a body that runs
 * over it is cancelled.
 */
export async function fetchGraphText(url: URL, o: { fetch?: typeof fetch; limit?: number } = {}): Promise<Loaded<string>> {
  const limit = o.limit ?? MAX_FILE_BYTES;
  const name = nameOf(url);
  // The graph-file loader (with the .gf parser) loads with the first file, not with the app shell.
  const { FILE_FIELD, sizeProblem } = await import('../../core/load');
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(url.href, {
      mode: 'same-origin',
      credentials: 'same-origin',
      redirect: 'follow',
      headers: { Accept: 'application/json' },
    });
  } catch (e) {
    return refuse(`could not fetch ${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const stop = (p: Problem): Loaded<string> => {
    void res.body?.cancel().catch(() => {});
    return { ok: false, problem: p };
  };
  if (res.url && new URL(res.url).origin !== url.origin) {
    return stop({ field: SRC_FIELD, message: `${name} redirected to ${new URL(res.url).origin}, not this site` });
  }
  if (!res.ok) return stop({ field: SRC_FIELD, message: `${name} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` });
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  const declaredProblem = Number.isFinite(declared) ? sizeProblem(name, declared, limit) : null;
  if (declaredProblem) return stop(declaredProblem);
  if (!res.body) {
    const text = await res.text();
    const p = sizeProblem(name, new TextEncoder().encode(text).length, limit);
    return p ? { ok: false, problem: p } : { ok: true, value: text };
  }
  const bytes = await readCapped(res.body.getReader(), limit);
  if (bytes === null) {
    return {
      ok: false,
      problem: { field: FILE_FIELD, message: `${name} is over the limit of ${limit} bytes (${(limit / 1048576).toFixed(1)} MB)` },
    };
  }
  return { ok: true, value: new TextDecoder().decode(bytes) };
}

/** `?src=` → the parsed, not yet validated graph object: resolve, fetch, parse, each step refusable. */
export async function fetchGraph(
  src: string,
  page: string,
  o: { fetch?: typeof fetch; limit?: number } = {},
): Promise<Loaded<Record<string, unknown>>> {
  const url = resolveGraphUrl(src, page);
  if (!url.ok) return url;
  const text = await fetchGraphText(url.value, o);
  if (!text.ok) return text;
  const { parseGraphText } = await import('../../core/load');
  return parseGraphText(text.value, { name: nameOf(url.value), limit: o.limit });
}
