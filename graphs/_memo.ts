/**
 * Lesson work that does not depend on the learner's edits, computed once per key and reused:
 * an edit re-runs the trace and what depends on the edited values, not the whole lesson.
 * A few keys at most (option sets, shapes), least recently used dropped first.
 */
export function memo<A extends unknown[], V>(key: (...args: A) => string, compute: (...args: A) => V, size = 8): (...args: A) => V {
  const cache = new Map<string, V>();
  return (...args: A): V => {
    const k = key(...args);
    const hit = cache.get(k);
    if (hit !== undefined || cache.has(k)) {
      cache.delete(k);
      cache.set(k, hit as V);
      return hit as V;
    }
    const v = compute(...args);
    cache.set(k, v);
    if (cache.size > size) cache.delete(cache.keys().next().value as string);
    return v;
  };
}

/** A program's structure: node ids, ops and shapes, no values (what shape-only results depend on). */
export const structureOf = (program: {
  order: readonly string[];
  nodes: ReadonlyMap<string, { op?: { name: string } | null; shape: readonly number[] }>;
}): string => program.order.map((id) => `${id}:${program.nodes.get(id)?.op?.name ?? 'leaf'}[${program.nodes.get(id)?.shape}]`).join(' ');
