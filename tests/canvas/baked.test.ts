import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { EXERCISES } from '../../graphs/index';
import { FILES, generate, openingStructure } from '../../scripts/bake-layouts';
import { applyBaked, type BakedLayout, bakedLayoutOf, inputHash } from '../../src/ui/canvas/baked';

import { layoutStructure, shapeMatters } from '../../src/ui/canvas/layout';

const read = (f: string) => readFileSync(new URL(`../../src/ui/canvas/${f}`, import.meta.url), 'utf8');
const table = () => (JSON.parse(read(FILES.layouts)) as { layouts: BakedLayout[] }).layouts;

describe('baked layouts (an exercise as it opens draws without an elkjs pass)', () => {
  test('the committed files are what `npm run bake:layouts` generates now', async () => {
    const out = await generate();
    expect(read(FILES.layouts), 'stale: run npm run bake:layouts').toBe(out.layouts);
    expect(read(FILES.exercises), 'stale: run npm run bake:layouts').toBe(out.exercises);
  }, 60_000);

  test('every exercise whose opening layout no canvas shape changes is baked, ex01 (the first graph) among them', () => {
    const baked = new Set(table().map((b) => b.exercise));
    expect(JSON.parse(read(FILES.exercises))).toEqual([...baked]);
    expect(baked.has('ex01-scalar-chain-rule')).toBe(true);
    for (const ex of EXERCISES) expect(baked.has(ex.id), ex.id).toBe(!shapeMatters(openingStructure(ex.id)));
  });

  test.each(table().map((b) => [b.exercise, b] as const))(
    '%s: the baked layout equals the layout computed now, on a projector and on a laptop',
    async (id, b) => {
      const s = openingStructure(id);
      const baked = applyBaked(s, b);
      expect(baked).not.toBeNull();
      for (const shape of [{ aspect: 1920 / 900, width: 1900 }, { aspect: 1280 / 560, width: 1250 }, {}]) {
        const laid = await layoutStructure(structuredClone(s), shape);
        expect(baked).toEqual(laid);
      }
      expect(bakedLayoutOf(s)).toEqual(baked);
    },
    60_000,
  );

  test('any other structure is laid out as usual: one box a pixel wider, a node relabelled, another exercise', () => {
    const s = openingStructure('ex01-scalar-chain-rule');
    expect(bakedLayoutOf(s)).not.toBeNull();
    const wider = structuredClone(s);
    wider.nodes[0] = { ...wider.nodes[0], width: (wider.nodes[0]?.width ?? 0) + 1 } as (typeof wider.nodes)[0];
    expect(inputHash(wider)).not.toBe(inputHash(s));
    expect(bakedLayoutOf(wider)).toBeNull();
    const relabelled = structuredClone(s);
    const n = relabelled.nodes.find((x) => 'model' in x.data);
    if (!n || !('model' in n.data)) throw new Error('no tensor node');
    n.data = { ...n.data, model: { ...n.data.model, label: `${n.data.model.label}′` } };
    expect(bakedLayoutOf(relabelled)).toBeNull();
    // A baked layout is never applied to another exercise's structure, even one of the same size.
    const b = table().find((x) => x.exercise === 'ex01-scalar-chain-rule') as BakedLayout;
    for (const ex of EXERCISES.filter((e) => e.id !== b.exercise)) expect(applyBaked(openingStructure(ex.id), b)).toBeNull();
    expect(bakedLayoutOf(openingStructure('ex04-vanishing-gradients'))).toBeNull();
  });
});
