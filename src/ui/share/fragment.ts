import type { Problem } from '../../core/errors';
import { MAX_FILE_BYTES } from '../../core/limits';
import { readCapped } from '../load/readCapped';

/**
 * A graph carried in a link's fragment: `#gf=` + base64url(deflate-raw(UTF-8 text)). The
 * fragment never reaches a server; opening it decompresses (size-limited) and hands the text to
 * the same parser and engine checks as an opened file. No DOM: browsers and Node 20 both have
 * CompressionStream, TextEncoder and btoa.
 */
export const FRAGMENT_PREFIX = '#gf=';
/** What the address bar says when the graph cannot ride in it. */
export const NOT_IN_LINK = '#graph-not-in-link';
/** Longest fragment written or read: far below browsers' URL limits, still fine to paste into a chat. */
export const MAX_LINK_CHARS = 100_000;
/** Field of a problem with a link's graph. */
export const LINK_FIELD = 'link';

export type Encoded = { ok: true; fragment: string } | { ok: false; chars: number; limit: number };
export type Decoded = { ok: true; value: string } | { ok: false; problem: Problem };

const refuse = (message: string): Decoded => ({ ok: false, problem: { field: LINK_FIELD, message } });

function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array | null> {
  return readCapped(new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader(), limit);
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  // regex: the base64url alphabet, not graph data
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array | null {
  // regex: the base64url alphabet, not graph data
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  // regex: the base64url alphabet, not graph data
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The fragment for a graph's text, or how far over the limit it is. */
export async function encodeFragment(text: string, maxChars = MAX_LINK_CHARS): Promise<Encoded> {
  const packed = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'), Number.POSITIVE_INFINITY);
  const fragment = FRAGMENT_PREFIX + toBase64Url(packed as Uint8Array);
  return fragment.length <= maxChars ? { ok: true, fragment } : { ok: false, chars: fragment.length, limit: maxChars };
}

/** True when the hash carries a graph (`#gf=…`). */
export const hasGraphFragment = (hash: string): boolean => hash.startsWith(FRAGMENT_PREFIX);

/**
 * A link's graph text, at most `limit` bytes once decompressed (a tiny fragment that inflates to
 * gigabytes is refused as it inflates). Null when the hash carries no graph.
 */
export async function decodeFragment(hash: string, o: { limit?: number; maxChars?: number } = {}): Promise<Decoded | null> {
  if (!hasGraphFragment(hash)) return null;
  const limit = o.limit ?? MAX_FILE_BYTES;
  const maxChars = o.maxChars ?? MAX_LINK_CHARS;
  if (hash.length > maxChars) return refuse(`the link's graph is ${hash.length} characters long; the limit is ${maxChars}`);
  const bytes = fromBase64Url(hash.slice(FRAGMENT_PREFIX.length));
  if (!bytes || bytes.length === 0) return refuse('the link is damaged: its graph is not base64url text (was it cut short?)');
  let raw: Uint8Array | null;
  try {
    raw = await pipe(bytes, new DecompressionStream('deflate-raw'), limit);
  } catch (e) {
    return refuse(`the link is damaged: its graph does not decompress (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!raw) return refuse(`the link's graph is over the limit of ${limit} bytes once decompressed`);
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(raw) };
  } catch {
    return refuse('the link is damaged: its graph is not UTF-8 text');
  }
}
