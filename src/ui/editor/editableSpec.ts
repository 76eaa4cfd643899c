import type { GraphSpec } from '../../core/types';
import type { ExplorerState } from '../store';

/**
 * The graph on screen as a spec to print, and what it is a copy of. The learner's own graph is
 * its spec as loaded (options and switches kept). An exercise is the spec the engine ran at its
 * current options (`run.spec`): its options are already resolved into the nodes, so the copy
 * declares none, and it gets an id and title of its own so it never passes for the exercise.
 */
export function editableSpec(s: Pick<ExplorerState, 'run' | 'source'>): { spec: GraphSpec; copyOf: string | null } | null {
  if (!s.run) return null;
  if (s.source?.kind === 'spec') return { spec: s.source.spec as GraphSpec, copyOf: null };
  const { options: _resolved, ...ran } = s.run.spec;
  const title = s.run.graph.title;
  return { spec: { ...ran, id: `${s.run.graph.id}-copy`, title: `${title} (edited copy)` }, copyOf: title };
}
