import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, inject, test } from 'vitest';
import { readmeSnippets } from './readme';

const ROOT = resolve(import.meta.dirname, '../..');

test("the README React snippet typechecks against the library's published types (package.json `types`)", () => {
  const libDir = inject('libDir');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const types = pkg.exports['.'].types as string;
  expect(pkg.types).toBe(types);
  expect(types.startsWith('./dist-lib/')).toBe(true);
  // A host project inside node_modules/.cache: its `react` types resolve from the repo's node_modules.
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'node_modules/.cache/gradflow-typecheck-'));
  try {
    writeFileSync(join(dir, 'Lecture.tsx'), readmeSnippets().react);
    const config = {
      compilerOptions: {
        strict: true,
        noEmit: true,
        jsx: 'react-jsx',
        module: 'ESNext',
        moduleResolution: 'bundler',
        target: 'ES2022',
        lib: ['ES2023', 'DOM'],
        skipLibCheck: true,
        types: [],
        paths: { gradflow: [join(libDir, relative('./dist-lib', types))] },
      },
      files: ['Lecture.tsx'],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
    const out = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    expect(out.stdout + out.stderr).toBe('');
    expect(out.status).toBe(0);

    // A wrong prop is an error: the check has teeth.
    writeFileSync(join(dir, 'Lecture.tsx'), readmeSnippets().react.replace('controls="steps"', 'controls="everything"'));
    const bad = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toContain('everything');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
