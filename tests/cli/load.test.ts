import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadGraph, readJsonFile } from '../../src/cli/load';
import { GraphError } from '../../src/core/errors';
import { MAX_FILE_BYTES } from '../../src/core/limits';
import { parseGraphText } from '../../src/core/load';

const dir = mkdtempSync(join(tmpdir(), 'gradflow-load-'));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const problemsOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof GraphError) return e.problems;
    throw e;
  }
  throw new Error('expected a GraphError');
};

describe('one loader: the CLI says what the explorer says', () => {
  const cases: [string, string][] = [
    ['empty.json', '  \n'],
    ['bad.json', '{ "nodes": ['],
    ['array.json', '[1, 2]'],
    ['number.json', '42'],
    ['deep.json', `{"nodes":[{"id":"x","op":"leaf","value":${'['.repeat(80)}1${']'.repeat(80)}}],"objectives":[]}`],
    ['deepmeta.json', `{"nodes":[],"objectives":[],"meta":${'{"a":'.repeat(80)}1${'}'.repeat(80)}}`],
  ];
  test.each(cases)('%s: the same located problem from `gradflow <file>` and from the explorer', (name, text) => {
    const path = file(name, text);
    const ui = parseGraphText(text, { name: path });
    expect(ui.ok).toBe(false);
    if (ui.ok) return;
    expect(problemsOf(() => loadGraph(path))).toEqual([ui.problem]);
  });

  test('a file over the limit is refused unread with the explorer’s size message', () => {
    const text = `{"nodes":[],"objectives":[],"pad":"${'x'.repeat(MAX_FILE_BYTES)}"}`;
    const path = file('big.json', text);
    const ui = parseGraphText(text, { name: path });
    expect(ui.ok || ui.problem.message).toBe(`${path} is 5.0 MB (${text.length} bytes); the limit is 5.0 MB (${MAX_FILE_BYTES} bytes)`);
    expect(problemsOf(() => loadGraph(path))).toEqual([ui.ok ? null : ui.problem]);
  });

  test('--inputs files share the JSON messages under their own field, and accept any JSON value', () => {
    expect(problemsOf(() => readJsonFile(file('in.json', '{ x'), '--inputs'))).toEqual([
      { field: '--inputs', message: expect.stringMatching(/in\.json is not valid JSON \(.+\)$/) },
    ]);
    expect(readJsonFile(file('arr.json', '[1]'), '--inputs')).toEqual([1]);
  });
});
