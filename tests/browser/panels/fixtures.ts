import type { Snapshot } from '../../../src/core/tensor';
import type { Shape } from '../../../src/core/types';
import type { Phase, Step, Trace } from '../../../src/engine/trace';

/** A step as a test writes it: phase, node, and optionally the op and the value produced. */
export type StepSpec = [phase: Phase, node: string, op?: string, value?: Snapshot];

/** A hand-made Trace: only what the panels read (steps, shapes, values) is meaningful. */
export function makeTrace(shapes: Record<string, Shape>, steps: StepSpec[], values: Record<string, Snapshot> = {}): Trace {
  const built: Step[] = steps.map(([phase, node, op = 'op', value], index) => ({
    index,
    phase,
    node,
    op,
    value,
    edges: [],
    commentary: `${phase} ${node}`,
  }));
  return {
    objective: 'loss',
    objectiveNode: 'loss',
    seed: 0,
    checkpointEvery: 0,
    steps: built,
    values: new Map(Object.entries(values)),
    grads: new Map(),
    shapes: new Map(Object.entries(shapes)),
    stats: { peakLiveActivations: 0, forwardEvaluations: 0 },
    faults: [],
  };
}

export const snapshot = (shape: Shape, values: number[]): Snapshot => ({ shape, data: Float32Array.from(values) });

/** Every number in an SVG path's `d` attribute. */
export const pathNumbers = (d: string): number[] => (d.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi) ?? []).map(Number);
