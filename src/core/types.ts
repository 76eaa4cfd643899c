/** A tensor literal as written in a graph file: a number or a (rectangular) nested array. */
export type NestedNumber = number | NestedNumber[];

/** Dimensions of a tensor; `[]` is a scalar. */
export type Shape = number[];

/** How a leaf node takes part in differentiation. */
export type Role = 'input' | 'param' | 'frozen' | 'constant';

/** Roles whose gradient is computed and reported. `frozen` and `constant` never get one. */
export const GRAD_ROLES: readonly Role[] = ['input', 'param'];

export type AttrValue = string | number | boolean | number[] | null;

export interface NodeSpec {
  id: string;
  /** An op name from the registry, or `leaf` for a value the user supplies. */
  op: string;
  inputs?: string[];
  attrs?: Record<string, AttrValue>;
  /** Initial value; required for leaves. */
  value?: NestedNumber;
  /** Leaves only. Defaults to `input`. */
  role?: Role;
  label?: string;
  note?: string;
  /** Id of a group (LoRA branch, attention block, checkpoint segment) the canvas can fold. */
  group?: string;
  /** Lines for the step bar at this node, overriding the op's defaults. */
  commentary?: { forward?: string; backward?: string };
  /** Layer index, used by checkpointing to cut the graph into segments. */
  layer?: number;
}

export interface ObjectiveSpec {
  name: string;
  /** Id of a scalar node. */
  node: string;
  label?: string;
}

export type OptionValue = string | number | boolean;

export interface OptionSpec {
  name: string;
  label?: string;
  values: OptionValue[];
  default: OptionValue;
}

export interface GroupSpec {
  id: string;
  label: string;
  kind: 'lora' | 'attention' | 'segment' | 'block';
}

export interface GraphSpec {
  id?: string;
  title?: string;
  nodes: NodeSpec[];
  objectives: ObjectiveSpec[];
  options?: OptionSpec[];
  groups?: GroupSpec[];
  notes?: string[];
}
