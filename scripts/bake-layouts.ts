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
import type { BakedLayout, Delta } from '../src/ui/canvas/baked';
import { inputHash } from '../src/ui/canvas/baked';
import { type FlowNode, type GradientFlowEdge, openingStructure as opening, type Structure } from '../src/ui/canvas/flow';
import { layoutStructure, shapeMatters } from '../src/ui/canvas/layout';
import { computeStructure, resolveExercise } from '../src/ui/compute/exercises';

const dir = fileURLToPath(new URL('../src/ui/canvas/', import.meta.url));
export const FILES = { layouts: 'bakedLayouts.json', exercises: 'bakedExercises.json' } as const;

/** An exercise's structure as the app builds it when the exercise opens (useLaidOut's `upcoming`). */
export function openingStructure(id: string): Structure {
  const source = { kind: 'exercise', id } as const;
  const st = computeStructure(resolveExercise(source), { source });
  return opening(st.graph, st.objectiveNode).structure;
}

const differs = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b);

/** What the layout changed on each item, in the laid-out order. */
function deltas<T extends FlowNode | GradientFlowEdge>(before: readonly T[], after: readonly T[]): Delta[] {
  const byId = new Map(before.map((x) => [x.id, x]));
  return after.map((x) => {
    const b = byId.get(x.id) as Record<string, unknown> | undefined;
    const a = x as unknown as Record<string, unknown>;
    const d: Delta = { id: x.id };
    for (const k of Object.keys(a)) if (k !== 'data' && differs(a[k], b?.[k])) d.set = { ...d.set, [k]: a[k] };
    const ad = (a.data ?? {}) as Record<string, unknown>;
    const bd = (b?.data ?? {}) as Record<string, unknown>;
    for (const k of Object.keys(ad)) if (differs(ad[k], bd[k])) d.data = { ...d.data, [k]: ad[k] };
    return d;
  });
}

/** The baked form of `laid`, the layout of `input`. */
function bake(exercise: string, input: Structure, laid: Structure): BakedLayout {
  return {
    exercise,
    hash: inputHash(input),
    nodeCount: input.nodes.length,
    edgeCount: input.edges.length,
    nodes: deltas(input.nodes, laid.nodes),
    edges: deltas(input.edges, laid.edges),
    ...(laid.rows ? { rows: laid.rows } : {}),
    ...(laid.columns ? { columns: laid.columns } : {}),
  };
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
