import { describe, expect, test } from 'vitest';
import { syntheticGraph } from '../../bench/synthetic';
import { findExercise } from '../../graphs/index';
import { compiledFor, computeRun, computeStructure, resolveExercise } from '../../src/ui/compute/exercises';
import type { RunRequest } from '../../src/ui/compute/protocol';
import { sameData } from '../../src/ui/compute/sameData';

/**
 * A new graph's structure call and its run carry the same request (two clones of it): the
 * worker validates and compiles it once. A cache hit needs equal data, so a changed graph,
 * option or input is always compiled afresh.
 */

const specReq = (spec: unknown, o: Partial<RunRequest> = {}): RunRequest => ({ source: { kind: 'spec', spec }, ...o });

describe('one parse and one compile for a structure call and its run', () => {
  test('equal clones of a graph file resolve to the same exercise and the same compiled program', () => {
    const spec = syntheticGraph('chain', 40);
    const a = resolveExercise({ kind: 'spec', spec: structuredClone(spec) });
    const b = resolveExercise({ kind: 'spec', spec: structuredClone(spec) });
    expect(b).toBe(a);
    expect(compiledFor(b, specReq(spec))).toBe(compiledFor(a, specReq(spec)));
    // and what the run draws is the structure laid out meanwhile
    expect(computeStructure(a, specReq(spec)).graph).toEqual(computeRun(b, specReq(spec), 'cpu').graph);
  });

  test('another graph, a graph changed in place, or other options and inputs compile afresh', () => {
    const spec = syntheticGraph('chain', 40) as { nodes: { id: string; label?: string }[] };
    const a = resolveExercise({ kind: 'spec', spec });
    const other = syntheticGraph('wide', 40);
    expect(resolveExercise({ kind: 'spec', spec: other })).not.toBe(a);
    // The same object edited in place (the inline client hands over the caller's own object).
    const c = resolveExercise({ kind: 'spec', spec });
    const first = spec.nodes[0] as { id: string; label?: string };
    first.label = 'renamed';
    const d = resolveExercise({ kind: 'spec', spec });
    expect(d).not.toBe(c);
    expect(computeStructure(d, specReq(spec)).graph.nodes.find((n) => n.id === first.id)?.label).toBe('renamed');

    const ex9 = findExercise('ex09-residual-flow');
    if (!ex9) throw new Error('missing ex09');
    const plain = compiledFor(ex9, { source: { kind: 'exercise', id: ex9.id }, options: { residual: false } });
    const residual = compiledFor(ex9, { source: { kind: 'exercise', id: ex9.id }, options: { residual: true } });
    expect(residual).not.toBe(plain);
    expect(residual.options.residual).toBe(true);
    expect(plain.options.residual).toBe(false);
  });
});

describe('sameData', () => {
  test('tells apart what JSON text would not', () => {
    expect(sameData({ v: [1, 2, { x: 'a' }] }, { v: [1, 2, { x: 'a' }] })).toBe(true);
    expect(sameData({ v: Number.NaN }, { v: Number.NaN })).toBe(true);
    expect(sameData({ v: Number.NaN }, { v: null })).toBe(false);
    expect(sameData({ v: Number.POSITIVE_INFINITY }, { v: null })).toBe(false);
    expect(sameData({ v: -0 }, { v: 0 })).toBe(false);
    expect(sameData({ v: undefined }, {})).toBe(false);
    expect(sameData({ v: undefined }, { v: null })).toBe(false);
    expect(sameData([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameData(new Float32Array([1, 2]), new Float32Array([1, 2]))).toBe(true);
    expect(sameData(new Float32Array([1, 2]), new Float64Array([1, 2]))).toBe(false);
    expect(sameData(new Float32Array([1, Number.NaN]), new Float32Array([1, 3]))).toBe(false);
    expect(sameData({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});
