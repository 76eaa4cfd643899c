import { trackProblems } from '../../core/track';
import type { GraphSpec } from '../../core/types';
import type { ExplorerState } from '../store';

/**
 * The graph on screen as a spec to print, and what it is a copy of. The learner's own graph is
 * its spec as loaded (options and switches kept). An exercise is the spec the engine ran at its
 * current options (`run.spec`): its options are already resolved into the nodes, so the copy
 * declares none, and it gets an id and title of its own so it never passes for the exercise.
 * The exercise's lecture tracks come along only where they hold on this one configuration: a
 * track that switches options, or names nodes the other options build, tours the exercise, not
 * the copy.
 */
export function editableSpec(s: Pick<ExplorerState, 'run' | 'source'>): { spec: GraphSpec; copyOf: string | null } | null {
  if (!s.run) return null;
  if (s.source?.kind === 'spec') return { spec: s.source.spec as GraphSpec, copyOf: null };
  const { options: _resolved, tracks: all, ...ran } = s.run.spec;
  const title = s.run.graph.title;
  const tracks = (all ?? []).filter((t) => trackProblems([t], [], () => ran).length === 0);
  const spec: GraphSpec = { ...ran, id: `${s.run.graph.id}-copy`, title: `${title} (edited copy)` };
  return { spec: tracks.length ? { ...spec, tracks } : spec, copyOf: title };
}
