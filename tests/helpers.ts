import type { GraphSpec, NestedNumber, NodeSpec, Role } from '../src/core/types';

export const L = (id: string, value: NestedNumber, role: Role = 'input'): NodeSpec => ({ id, op: 'leaf', value, role });
export const N = (id: string, op: string, inputs: string[], attrs?: NodeSpec['attrs']): NodeSpec => ({ id, op, inputs, attrs });
export const spec = (nodes: NodeSpec[], objective = nodes.at(-1)?.id ?? ''): GraphSpec => ({
  nodes,
  objectives: [{ name: 'obj', node: objective }],
});
export const arr = (a: Float32Array | undefined): number[] => Array.from(a ?? []);
