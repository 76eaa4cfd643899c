import { describe, expect, test } from 'vitest';
import { syntheticGraph } from '../../bench/synthetic';
import { compile } from '../../src/core/compile';
import { run } from '../../src/engine/run';
import { edgeId } from '../../src/engine/trace';
import { buildStructure, mergedEdgeTitle, mergeEdgeViews } from '../../src/ui/canvas/flow';
import { layoutStructure } from '../../src/ui/canvas/layout';
import { relayoutBlock } from '../../src/ui/canvas/unfold';
import { edgeViewOf } from '../../src/ui/canvas/views';
import { buildTimeline } from '../../src/ui/trace/timeline';
import { exercise, objectiveOf, synthetic } from './helpers';

const sci = (n: number) => n.toExponential(2);

/** Every graph edge, by id. */
const graphEdges = (g: ReturnType<typeof synthetic>) => g.nodes.flatMap((n) => n.inputs.map((src, slot) => edgeId(src, n.id, slot)));

describe('parallel edges into and out of a folded block are one merged edge', () => {
  // Two attention blocks (27 nodes): X feeds q1, k1, v1 and the residual h1; h1 feeds block 2 the same way.
  const g = synthetic('attention', 27);
  const all = { attn1: true, attn2: true };

  test('one edge per (source, folded block): its members are the graph edges it stands for, in graph order', () => {
    const s = buildStructure(g, objectiveOf(g), all);
    const into1 = s.edges.filter((e) => e.source === 'X' && e.target === 'group:attn1');
    expect(into1).toHaveLength(1);
    expect(into1[0]?.id).toBe('X->q1#0');
    expect(into1[0]?.data?.members?.map((m) => m.id)).toEqual(['X->q1#0', 'X->k1#0', 'X->v1#0', 'X->h1#0']);
    expect(into1[0]?.data?.members?.[1]).toEqual({ id: 'X->k1#0', from: 'X', to: 'k1' });
    const between = s.edges.filter((e) => e.source === 'group:attn1' && e.target === 'group:attn2');
    expect(between.map((e) => e.data?.members?.length)).toEqual([4]);
    // The block's one output into the loss stays a plain edge (nothing to merge).
    const out = s.edges.filter((e) => e.source === 'group:attn2');
    expect(out.filter((e) => e.target === 'loss').map((e) => [e.id, e.data?.members])).toEqual([['h2->loss#0', undefined]]);
  });

  test('every graph edge that crosses a folded block is drawn exactly once (as itself or inside a merged edge)', () => {
    const s = buildStructure(g, objectiveOf(g), all);
    const inside = new Set(g.nodes.filter((n) => n.group).map((n) => n.id));
    const groupOf = new Map(g.nodes.map((n) => [n.id, n.group]));
    const crossing = graphEdges(g).filter((id) => {
      const [src, rest] = id.split('->') as [string, string];
      const dst = rest.slice(0, rest.indexOf('#'));
      return !(inside.has(src) && inside.has(dst) && groupOf.get(src) === groupOf.get(dst));
    });
    const drawn = s.edges.flatMap((e) => e.data?.members?.map((m) => m.id) ?? [e.id]);
    expect([...drawn].sort()).toEqual([...crossing].sort());
    expect(new Set(drawn).size).toBe(drawn.length);
  });

  test('unfolded, nothing merges: one drawn edge per graph edge', () => {
    const s = buildStructure(g, objectiveOf(g), {});
    expect(s.edges.every((e) => e.data?.members === undefined)).toBe(true);
    expect(s.edges.map((e) => e.id).sort()).toEqual(graphEdges(g).sort());
  });

  test('a wide graph: the input fans into each folded branch group once', () => {
    const w = synthetic('wide', 35); // 8 branches, one group each (W, z, tanh): x → z only
    const s = buildStructure(w, objectiveOf(w), Object.fromEntries(w.groups.map((x) => [x.id, true])));
    const fromX = s.edges.filter((e) => e.source === 'x');
    expect(fromX).toHaveLength(w.groups.length);
    expect(fromX.every((e) => e.data?.members === undefined)).toBe(true);
    // 2,000 nodes: four branches per group, so x → group is four graph edges drawn as one.
    const big = synthetic('wide', 2000);
    const sb = buildStructure(big, objectiveOf(big), Object.fromEntries(big.groups.map((x) => [x.id, true])));
    const fromXBig = sb.edges.filter((e) => e.source === 'x');
    expect(fromXBig).toHaveLength(big.groups.length);
    // 499 branches: 124 groups of four and one of three.
    const sizes = fromXBig.map((e) => e.data?.members?.length ?? 1);
    expect(sizes.filter((k) => k === 4)).toHaveLength(124);
    expect(sizes.at(-1)).toBe(3);
  });

  test('the merged view: backward once any member is, ‖∇‖ the sum of the members that arrived; the tooltip lists them', () => {
    const spec = syntheticGraph('attention', 27);
    const trace = run(compile(spec));
    const t = buildTimeline(trace, g);
    const members = ['X->q1#0', 'X->k1#0', 'X->v1#0', 'X->h1#0'];
    const at = (c: number) => members.map((m) => t.edgeAt(m, c));
    // Forward: the four members go along at different steps; X's value is the same on each.
    const firstForward = Array.from({ length: t.length + 1 }, (_, c) => c).find((c) => at(c).some((v) => v.phase === 'forward')) as number;
    const f = mergeEdgeViews(at(firstForward));
    expect(f.phase).toBe('forward');
    expect(f.valueNorm).toBeCloseTo(at(t.length).find((v) => v.valueNorm !== null)?.valueNorm ?? Number.NaN, 6);
    // Backward: find a cursor where some but not all gradients came back.
    const partial = Array.from({ length: t.length + 1 }, (_, c) => c).find((c) => {
      const n = at(c).filter((v) => v.phase === 'backward').length;
      return n > 0 && n < members.length;
    }) as number;
    expect(partial).toBeDefined();
    const arrived = at(partial).filter((v) => v.phase === 'backward');
    const pv = mergeEdgeViews(at(partial));
    expect(pv.phase).toBe('backward');
    expect(pv.gradNorm).toBeCloseTo(
      arrived.reduce((a, v) => a + (v.gradNorm as number), 0),
      6,
    );
    const end = mergeEdgeViews(at(t.length));
    const norms = at(t.length).map((v) => v.gradNorm as number);
    expect(norms.every((n) => n > 0)).toBe(true);
    expect(end.gradNorm).toBeCloseTo(
      norms.reduce((a, b) => a + b, 0),
      6,
    );
    expect(end.gradNorm as number).toBeGreaterThan(Math.max(...norms));
    expect(end.grad).toBeNull(); // four tensors: no single gradient to show
    expect(mergeEdgeViews(at(0)).phase).toBe('idle');

    const s = buildStructure(g, objectiveOf(g), { attn1: true, attn2: true });
    const edge = s.edges.find((e) => e.id === 'X->q1#0');
    const title = mergedEdgeTitle('X → attention 1: ‖∇‖ = …', edge?.data?.members ?? [], end.parts, sci);
    expect(title.split('\n')).toEqual([
      'X → attention 1: ‖∇‖ = … (4 edges drawn as one, ‖∇‖ summed)',
      ...members.map((m, i) => `  X → ${m.slice(3, 5)}: ‖∇‖ = ${sci(norms[i] as number)}`),
    ]);
  });

  test('the store selector returns the same merged view while its members are unchanged', () => {
    const trace = run(compile(syntheticGraph('attention', 27)));
    const s = buildStructure(g, objectiveOf(g), all);
    const edge = s.edges.find((e) => e.id === 'X->q1#0');
    // The selector reads the timeline through the store's selectors: a minimal state for them.
    const theRun = { trace, graph: g };
    const state = (cursor: number) => ({ cursor, run: theRun, predict: false, outcomes: {} }) as never;
    const end = trace.steps.length;
    const a = edgeViewOf('X->q1#0', edge?.data?.members)(state(end));
    expect(a?.gradNorm).toBeGreaterThan(0);
    // A new selector (as each render makes) over the same state: the very same object.
    expect(edgeViewOf('X->q1#0', edge?.data?.members)(state(end))).toBe(a);
    const before = edgeViewOf('X->q1#0', edge?.data?.members)(state(0));
    expect(before?.phase).toBe('idle');
    expect(before).not.toBe(a);
  });

  test('laid out and unfolded in place: the merged edges keep their ids; after unfolding they split', async () => {
    const s = await layoutStructure(buildStructure(g, objectiveOf(g), all));
    const next = buildStructure(g, objectiveOf(g), { attn1: false, attn2: true });
    const u = await relayoutBlock(s, next, 'attn1');
    const into1 = u.edges.filter((e) => e.source === 'X');
    expect(into1.map((e) => e.id).sort()).toEqual(['X->h1#0', 'X->k1#0', 'X->q1#0', 'X->v1#0']);
    expect(into1.every((e) => !e.data?.members)).toBe(true);
    // h1 (now drawn) into the folded block 2: still one merged edge of four.
    expect(u.edges.filter((e) => e.source === 'h1' && e.target === 'group:attn2').map((e) => e.data?.members?.length)).toEqual([4]);
  });
});

describe('ex05 and ex07 keep working', () => {
  test('ex07 folded: the one edge out of the lora block keeps its id and is not merged', () => {
    const g = exercise('ex07-lora-gradients');
    const s = buildStructure(g, objectiveOf(g), { lora: true });
    const e = s.edges.find((x) => x.id === 'BA->W#1');
    expect(e?.source).toBe('group:lora');
    expect(e?.data?.members).toBeUndefined();
  });
});
