import type { AnyOp, OpSignature } from './op';
import { ALL_OPS } from './ops/index';

/** Op name for user-supplied values (inputs, params, frozen params, constants). */
export const LEAF = 'leaf';

function buildRegistry(ops: readonly AnyOp[]): ReadonlyMap<string, AnyOp> {
  const map = new Map<string, AnyOp>();
  for (const op of ops) {
    if (op.name === LEAF || map.has(op.name)) throw new Error(`duplicate op name "${op.name}"`);
    map.set(op.name, op);
  }
  return map;
}

export const REGISTRY = buildRegistry(ALL_OPS);

export const opNames = (): string[] => [...REGISTRY.keys()];

/** Every op's name and input slots, in registry order (completion, the palette, `gradflow ops`). */
export const opSignatures = (): OpSignature[] =>
  [...REGISTRY.values()].map((op) => ({ name: op.name, inputs: [...op.inputs], variadic: op.variadic === true }));
