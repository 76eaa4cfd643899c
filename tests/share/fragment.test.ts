import { describe, expect, test } from 'vitest';
import { decodeFragment, encodeFragment, FRAGMENT_PREFIX, LINK_FIELD } from '../../src/ui/share/fragment';

const GRAPH = JSON.stringify({
  nodes: [
    { id: 'x', op: 'leaf', value: [1, 2], role: 'input', label: 'x — ∂L/∂x ü 🧮' },
    { id: 'L', op: 'sum', inputs: ['x'] },
  ],
  objectives: [{ name: 'L', node: 'L' }],
});

describe('a graph in the link fragment', () => {
  test('round trip: the text comes back exactly (non-ASCII too), in URL-safe characters', async () => {
    const e = await encodeFragment(GRAPH);
    if (!e.ok) throw new Error('not encoded');
    expect(e.fragment.startsWith(FRAGMENT_PREFIX)).toBe(true);
    expect(e.fragment.slice(FRAGMENT_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeFragment(e.fragment)).toEqual({ ok: true, value: GRAPH });
  });

  test('compresses: a 100 kB repetitive graph becomes a short link; an incompressible one over the limit is refused with its size', async () => {
    const big = JSON.stringify({ nodes: Array.from({ length: 2000 }, (_, i) => ({ id: `n${i}`, op: 'leaf', value: 0 })) });
    const e = await encodeFragment(big);
    expect(e.ok).toBe(true);
    if (e.ok) expect(e.fragment.length).toBeLessThan(big.length / 5);
    let seed = 1;
    const noise = Array.from({ length: 60_000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    });
    const over = await encodeFragment(JSON.stringify(noise), 100_000);
    expect(over.ok).toBe(false);
    if (!over.ok) {
      expect(over.limit).toBe(100_000);
      expect(over.chars).toBeGreaterThan(100_000);
    }
  });

  test('no graph in the hash: null; damaged, truncated, oversized or bomb links: a located problem, never a throw', async () => {
    expect(await decodeFragment('')).toBeNull();
    expect(await decodeFragment('#step=3')).toBeNull();
    const problem = async (hash: string, o = {}) => {
      const d = await decodeFragment(hash, o);
      expect(d?.ok).toBe(false);
      if (d && !d.ok) {
        expect(d.problem.field).toBe(LINK_FIELD);
        return d.problem.message;
      }
      return '';
    };
    expect(await problem('#gf=not*base64!')).toContain('not base64url');
    expect(await problem('#gf=')).toContain('not base64url');
    const e = await encodeFragment(GRAPH);
    if (!e.ok) throw new Error('not encoded');
    expect(await problem(e.fragment.slice(0, e.fragment.length - 8))).toContain('does not decompress');
    expect(await problem(e.fragment, { maxChars: 20 })).toContain('the limit is 20');
    // 50 MB of spaces compress to ~50 kB of fragment: refused while inflating, at the 5 MB file limit.
    const bomb = await encodeFragment(' '.repeat(50 * 1024 * 1024), 10_000_000);
    if (!bomb.ok) throw new Error('not encoded');
    expect(await problem(bomb.fragment, { maxChars: 10_000_000 })).toContain('over the limit of 5242880 bytes');
  });
});
