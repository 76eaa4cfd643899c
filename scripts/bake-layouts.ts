/**
 * `npm run bake:layouts`: lays out every exercise as it opens (default options and folds) with
 * the app's own layout and writes the result to src/ui/canvas/bakedLayouts.json, and the list of
 * exercises baked to bakedExercises.json (what the app checks before it loads elkjs). Layouts a
 * canvas shape can change are left out (they depend on the screen). `--check` exits 1 when a
 * committed file is stale; tests/canvas/baked.test.ts runs the same comparison.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXERCISES } from '../graphs/index';
import { bake } from '../src/ui/canvas/baked';
import { buildStructure, type Structure } from '../src/ui/canvas/flow';
import { layoutStructure, shapeMatters } from '../src/ui/canvas/layout';
import { computeStructure, resolveExercise } from '../src/ui/compute/exercises';
import { defaultFolds } from '../src/ui/store/folds';

const dir = fileURLToPath(new URL('../src/ui/canvas/', import.meta.url));
export const FILES = { layouts: 'bakedLayouts.json', exercises: 'bakedExercises.json' } as const;

/** An exercise's structure as the app builds it when the exercise opens. */
export function openingStructure(id: string): Structure {
  const source = { kind: 'exercise', id } as const;
  const st = computeStructure(resolveExercise(source), { source });
  return buildStructure(st.graph, st.objectiveNode, defaultFolds(st.graph));
}

/** The two files' text. */
export async function generate(): Promise<Record<keyof typeof FILES, string>> {
  const layouts = [];
  for (const ex of EXERCISES) {
    const s = openingStructure(ex.id);
    if (shapeMatters(s)) continue;
    // The layout moves nodes in place: it gets a copy, the bake compares with the original.
    const laid = await layoutStructure(structuredClone(s));
    layouts.push(bake(ex.id, s, laid));
  }
  return {
    layouts: `${JSON.stringify({ layouts })}\n`,
    exercises: `${JSON.stringify(layouts.map((l) => l.exercise))}\n`,
  };
}

const isEntry = process.argv[1]?.endsWith('bake-layouts.ts');
if (isEntry) {
  const out = await generate();
  if (process.argv.includes('--check')) {
    const stale = (Object.keys(FILES) as (keyof typeof FILES)[]).filter((k) => readFileSync(dir + FILES[k], 'utf8') !== out[k]);
    for (const k of stale) process.stderr.write(`src/ui/canvas/${FILES[k]} is stale: run npm run bake:layouts\n`);
    process.exitCode = stale.length ? 1 : 0;
  } else {
    for (const k of Object.keys(FILES) as (keyof typeof FILES)[]) writeFileSync(dir + FILES[k], out[k]);
  }
}
