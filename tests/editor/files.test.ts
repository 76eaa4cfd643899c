import { describe, expect, test } from 'vitest';
import { fileBase } from '../../src/ui/editor/files';

describe('file names', () => {
  test('file names from titles: nothing but letters, digits, _ and -', () => {
    expect(fileBase('micrograd sanity check')).toBe('micrograd-sanity-check');
    expect(fileBase('../../etc/passwd')).toBe('etc-passwd');
    expect(fileBase('Ex 4 — vanishing gradients (edited copy)')).toBe('Ex-4-vanishing-gradients-edited-copy');
    expect(fileBase('')).toBe('graph');
    expect(fileBase(undefined)).toBe('graph');
    expect(fileBase('x'.repeat(200))).toHaveLength(60);
  });
});
