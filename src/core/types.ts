/** The graph-file types, inferred from the schema that validates them (src/core/schema.ts). */
export type { GraphSpec, GroupSpec, NestedNumber, NodeSpec, ObjectiveSpec, OptionSpec } from './schema';

import type { NodeSpec, OptionSpec } from './schema';

/** Dimensions of a tensor; `[]` is a scalar. */
export type Shape = number[];

/** How a leaf node takes part in differentiation. */
export type Role = NonNullable<NodeSpec['role']>;

/** Roles whose gradient is computed and reported. `frozen` and `constant` never get one. */
export const GRAD_ROLES: readonly Role[] = ['input', 'param'];

export type AttrValue = NonNullable<NodeSpec['attrs']>[string];

export type OptionValue = OptionSpec['default'];
