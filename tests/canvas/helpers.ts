import { type SyntheticKind, syntheticGraph } from '../../bench/synthetic';
import { EXERCISES } from '../../graphs/index';
import { compile } from '../../src/core/compile';
import type { GraphSpec } from '../../src/core/types';
import { compileExercise } from '../../src/engine/exercise';
import type { Structure } from '../../src/ui/canvas/flow';
import { absolutePositions } from '../../src/ui/canvas/positions';
import { graphModel } from '../../src/ui/compute/model';
import type { GraphModel } from '../../src/ui/compute/protocol';

export const synthetic = (kind: SyntheticKind, n: number): GraphModel => {
  const spec: GraphSpec = syntheticGraph(kind, n);
  return graphModel(compile(spec), { id: spec.id ?? kind, title: spec.title ?? kind, text: '' });
};

export function exercise(id: string, options = {}): GraphModel {
  const ex = EXERCISES.find((e) => e.id === id);
  if (!ex) throw new Error(`no exercise ${id}`);
  return graphModel(compileExercise(ex, { options }).program, ex);
}

export const objectiveOf = (g: GraphModel): string => g.objectives[0]?.node ?? '';

/** Absolute boxes of the laid-out nodes, frames excluded. */
export function boxes(s: Structure) {
  const abs = absolutePositions(s.nodes);
  return s.nodes
    .filter((n) => n.type !== 'frame')
    .map((n) => ({ id: n.id, ...(abs.get(n.id) as { x: number; y: number; w: number; h: number }) }));
}
