import type { NestedNumber, NodeSpec, Role } from '../src/core/types';

/** Small helpers so graph files read like the notebook. */
export const leaf = (id: string, value: NestedNumber, role: Role, extra: Partial<NodeSpec> = {}): NodeSpec => ({
  id,
  op: 'leaf',
  value,
  role,
  ...extra,
});

export const node = (id: string, op: string, inputs: string[], extra: Partial<NodeSpec> = {}): NodeSpec => ({
  id,
  op,
  inputs,
  ...extra,
});

/** Snapshot data as nested arrays for checks (rounded only for display elsewhere). */
export { toNested } from '../src/core/tensor';
