import { describe, expect, test } from 'vitest';
import { MAX_FILE_BYTES } from '../../../src/core/limits';
import { parseGraphText, sizeProblem, utf8Bytes } from '../../../src/core/load';
import { inertText } from '../../../src/ui/compute/inert';
import { fetchGraph, fetchGraphText, resolveGraphUrl } from '../../../src/ui/load/remote';

const PAGE = 'http://127.0.0.1:4000/explorer/?graph=ex01';
const GOOD = '{"nodes":[{"id":"a","op":"leaf","value":1}],"objectives":[{"name":"o","node":"a"}]}';

/** A fetch answering from a function, recording what was asked (URL and init). */
function fakeFetch(answer: (url: string) => Response | Promise<Response>) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const f = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return answer(String(input));
  }) as typeof fetch;
  return { fetch: f, calls };
}

/** A body of `chunks` × `size` bytes that counts how many chunks were pulled. */
function countingBody(chunks: number, size: number) {
  const pulled = { n: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (pulled.n >= chunks) c.close();
      else {
        pulled.n++;
        c.enqueue(new Uint8Array(size).fill(32));
      }
    },
  });
  return { stream, pulled };
}

describe('the shared limit', () => {
  test('5 MiB, the CLI’s figure', () => {
    expect(MAX_FILE_BYTES).toBe(5_242_880);
  });
});

describe('parseGraphText: a file’s or a paste’s text, with the CLI’s fields', () => {
  test('a graph object passes through', () => {
    const r = parseGraphText(GOOD, { name: 'g.json' });
    expect(r).toEqual({ ok: true, value: JSON.parse(GOOD) });
  });

  test('empty and whitespace-only text: <graph>, “is empty”', () => {
    for (const t of ['', '  \n\t '])
      expect(parseGraphText(t, { name: 'g.json' })).toEqual({ ok: false, problem: { field: '<graph>', message: 'g.json is empty' } });
  });

  test('not JSON: <graph>, “is not valid JSON” with the parser’s reason', () => {
    const r = parseGraphText('{ "nodes": [', { name: 'g.json' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.field).toBe('<graph>');
    expect(r.problem.message).toMatch(/^g\.json is not valid JSON \(.+\)$/);
  });

  test('a top-level value that is not an object: (graph), “expected a JSON object”', () => {
    const cases: [string, string][] = [
      ['[1, 2]', 'an array'],
      ['null', 'null'],
      ['42', '42'],
      ['"nodes"', '"nodes"'],
    ];
    for (const [text, got] of cases) {
      expect(parseGraphText(text, { name: 'g.json' })).toEqual({
        ok: false,
        problem: { field: '(graph)', message: `expected a JSON object with "nodes" and "objectives", got ${got}` },
      });
    }
  });

  test('size counts UTF-8 bytes: at the limit passes the size check, one byte over is refused', () => {
    // "é" is 2 bytes: 10 characters of it are 20 bytes.
    expect(utf8Bytes('é'.repeat(10))).toBe(20);
    expect(utf8Bytes('€')).toBe(3);
    expect(utf8Bytes('𝑥')).toBe(4);
    const body = (n: number) => `{"pad":"${'é'.repeat(n)}"}`;
    // 10 bytes of braces, quotes and key around the padding
    expect(utf8Bytes(body(45))).toBe(100);
    expect(parseGraphText(body(45), { name: 'g.json', limit: 100 }).ok).toBe(true);
    const over = parseGraphText(`${body(45)} `, { name: 'g.json', limit: 100 });
    expect(over).toEqual({ ok: false, problem: sizeProblem('g.json', 101, 100) });
    expect(sizeProblem('g.json', 101, 100)?.message).toBe('g.json is 0.0 MB (101 bytes); the limit is 0.0 MB (100 bytes)');
  });

  test('the default limit is the shared one: 5 MiB + 1 byte of text is refused, 5 MiB is not', () => {
    const exact = `"${'a'.repeat(MAX_FILE_BYTES - 2)}"`;
    expect(parseGraphText(exact, { name: 'big.json' })).toMatchObject({ ok: false, problem: { field: '(graph)' } });
    const r = parseGraphText(`${exact} `, { name: 'big.json' });
    expect(r).toEqual({
      ok: false,
      problem: { field: '<graph>', message: 'big.json is 5.0 MB (5242881 bytes); the limit is 5.0 MB (5242880 bytes)' },
    });
  });
});

describe('resolveGraphUrl: ?src= resolves only to this page’s origin', () => {
  test('paths and same-origin URLs resolve against the page', () => {
    const ok = (src: string) => {
      const r = resolveGraphUrl(src, PAGE);
      return r.ok ? r.value.href : r.problem.message;
    };
    expect(ok('/graphs/a.json')).toBe('http://127.0.0.1:4000/graphs/a.json');
    expect(ok('graphs/a.json')).toBe('http://127.0.0.1:4000/explorer/graphs/a.json');
    expect(ok('../a.json?v=2')).toBe('http://127.0.0.1:4000/a.json?v=2');
    expect(ok('http://127.0.0.1:4000/b.json')).toBe('http://127.0.0.1:4000/b.json');
  });

  test('another origin, another scheme, credentials, nothing: refused with field src and a reason', () => {
    const refused: [string, RegExp][] = [
      ['https://evil.example/g.json', /is on https:\/\/evil\.example, not on this site \(http:\/\/127\.0\.0\.1:4000\)/],
      ['//evil.example/g.json', /is on http:\/\/evil\.example, not on this site/],
      ['http://127.0.0.1:4001/g.json', /is on http:\/\/127\.0\.0\.1:4001, not on this site/],
      ['https://127.0.0.1:4000/g.json', /is on https:\/\/127\.0\.0\.1:4000, not on this site/],
      ['javascript:alert(1)', /is a javascript: URL/],
      ['data:application/json,{}', /is a data: URL/],
      ['blob:http://127.0.0.1:4000/1234', /is a blob: URL/],
      ['file:///etc/passwd', /is a file: URL/],
      ['http://user:pw@127.0.0.1:4000/g.json', /user name or password/],
      ['http://[::1', /is not a URL/],
      ['  ', /is empty/],
    ];
    for (const [src, why] of refused) {
      const r = resolveGraphUrl(src, PAGE);
      expect(r.ok, src).toBe(false);
      if (r.ok) continue;
      expect(r.problem.field, src).toBe('src');
      expect(r.problem.message, src).toMatch(why);
    }
  });
});

describe('fetchGraphText: same-origin GET, size-limited', () => {
  const url = new URL('http://127.0.0.1:4000/graphs/a.json');

  test('asks in same-origin mode and returns the body', async () => {
    const f = fakeFetch(() => new Response(GOOD, { status: 200 }));
    expect(await fetchGraphText(url, { fetch: f.fetch })).toEqual({ ok: true, value: GOOD });
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0]?.url).toBe(url.href);
    expect(f.calls[0]?.init).toMatchObject({ mode: 'same-origin', credentials: 'same-origin' });
  });

  test('a declared Content-Length over the limit is refused before any of the body is read', async () => {
    const body = countingBody(100, 10);
    const f = fakeFetch(() => new Response(body.stream, { headers: { 'content-length': '1000' } }));
    const r = await fetchGraphText(url, { fetch: f.fetch, limit: 999 });
    expect(r).toEqual({ ok: false, problem: sizeProblem('/graphs/a.json', 1000, 999) });
    expect(body.pulled.n).toBeLessThanOrEqual(1);
  });

  test('a body without a length that runs over the limit is cancelled there', async () => {
    const body = countingBody(1000, 100);
    const f = fakeFetch(() => new Response(body.stream));
    const r = await fetchGraphText(url, { fetch: f.fetch, limit: 1050 });
    expect(r).toEqual({ ok: false, problem: { field: '<graph>', message: '/graphs/a.json is over the limit of 1050 bytes (0.0 MB)' } });
    // 11 chunks of 100 bytes cross 1050; a chunk or two may be queued ahead, never the 1000
    expect(body.pulled.n).toBeGreaterThanOrEqual(11);
    expect(body.pulled.n).toBeLessThan(20);
  });

  test('HTTP errors and network failures are refused with what happened', async () => {
    const missing = fakeFetch(() => new Response('nope', { status: 404, statusText: 'Not Found' }));
    expect(await fetchGraphText(url, { fetch: missing.fetch })).toEqual({
      ok: false,
      problem: { field: 'src', message: '/graphs/a.json answered 404 Not Found' },
    });
    const down = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await fetchGraphText(url, { fetch: down.fetch })).toEqual({
      ok: false,
      problem: { field: 'src', message: 'could not fetch /graphs/a.json: Failed to fetch' },
    });
  });

  test('a response that ended up on another origin (a redirect) is refused', async () => {
    const moved = fakeFetch(() => {
      const r = new Response(GOOD);
      Object.defineProperty(r, 'url', { value: 'https://evil.example/g.json' });
      return r;
    });
    expect(await fetchGraphText(url, { fetch: moved.fetch })).toEqual({
      ok: false,
      problem: { field: 'src', message: '/graphs/a.json redirected to https://evil.example, not this site' },
    });
  });

  test('the real fetch in same-origin mode rejects a cross-origin URL itself (defence in depth)', async () => {
    const r = await fetchGraphText(new URL('http://example.invalid/g.json'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toMatch(/^could not fetch \/g\.json: /);
  });
});

describe('fetchGraph: resolve, fetch, parse', () => {
  test('a cross-origin src never reaches fetch', async () => {
    const f = fakeFetch(() => new Response(GOOD));
    const r = await fetchGraph('https://evil.example/g.json', PAGE, { fetch: f.fetch });
    expect(r.ok).toBe(false);
    expect(f.calls).toHaveLength(0);
  });

  test('same origin: the parsed graph object; a bad body: the file problem named by its path', async () => {
    const good = fakeFetch(() => new Response(GOOD));
    expect(await fetchGraph('/graphs/a.json', PAGE, { fetch: good.fetch })).toEqual({ ok: true, value: JSON.parse(GOOD) });
    const bad = fakeFetch(() => new Response('[1]'));
    expect(await fetchGraph('/graphs/a.json', PAGE, { fetch: bad.fetch })).toEqual({
      ok: false,
      problem: { field: '(graph)', message: 'expected a JSON object with "nodes" and "objectives", got an array' },
    });
  });
});

describe('inertText: invisible characters become visible markers', () => {
  test('bidi overrides, isolates, marks and control characters; tab, newline and ordinary text stay', () => {
    expect(inertText('a\u202Eb\u202Cc')).toBe('a[U+202E]b[U+202C]c');
    expect(inertText('\u2066\u2067\u2068\u2069')).toBe('[U+2066][U+2067][U+2068][U+2069]');
    expect(inertText('\u200E\u200F\u061C')).toBe('[U+200E][U+200F][U+061C]');
    expect(inertText('\u0000\u0007\u001B\u007F\u0085')).toBe('[U+0000][U+0007][U+001B][U+007F][U+0085]');
    expect(inertText('line 1\n\tline 2\r\n')).toBe('line 1\n\tline 2\r\n');
    expect(inertText('<b>σ(z)·∂L/∂x</b> שלום مرحبا')).toBe('<b>σ(z)·∂L/∂x</b> שלום مرحبا');
    expect(inertText(undefined)).toBeUndefined();
  });
});
