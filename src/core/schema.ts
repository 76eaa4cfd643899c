import { z } from 'zod';
import { GraphError, type Problem, quote } from './errors';
import {
  isFloat32Finite,
  MAX_ATTR_ARRAY,
  MAX_ATTR_KEY,
  MAX_ATTR_STRING,
  MAX_CHECKPOINT,
  MAX_GROUPS,
  MAX_ID,
  MAX_INPUTS,
  MAX_LAYER,
  MAX_NODES,
  MAX_NOTES,
  MAX_OBJECTIVES,
  MAX_OP_NAME,
  MAX_OPTION_STRING,
  MAX_OPTION_VALUES,
  MAX_OPTIONS,
  MAX_PROBLEMS,
  MAX_TEXT,
} from './limits';
import { MAX_TRACKS } from './track';
import { trackSchema } from './trackSchema';
import { checkSchema, nodeSwitchSchema } from './variants';

/** A tensor literal as written in a graph file: a number or a (rectangular) nested array. */
export type NestedNumber = number | NestedNumber[];

/** How a leaf node takes part in differentiation. */
export const ROLES = ['input', 'param', 'frozen', 'constant'] as const;

/**
 * Names that shadow Object's own properties: refused as ids and as attr keys (they become
 * map keys and URL values; `__proto__` as a key would reach the prototype).
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
]);

export type { isFloat32Finite };

const FLOAT32_MAX = 'finite in float32 (|x| ≤ 3.4028235e38)';
const f32 = z.number().refine(isFloat32Finite, `must be ${FLOAT32_MAX}`);

const id = z
  .string()
  .min(1)
  .max(MAX_ID)
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - and a leading letter or _')
  .refine((s) => !RESERVED_NAMES.has(s), 'is a reserved name');
const text = z.string().max(MAX_TEXT);
// Literals are checked by parseLiteral (kind, ragged, finite in float32, depth, size) with clearer messages.
const literal = z.custom<NestedNumber>(() => true);
const attrKey = z
  .string()
  .max(MAX_ATTR_KEY)
  .refine((k) => !RESERVED_NAMES.has(k), 'is a reserved name, not an attr');
const attrValue = z.union([z.string().max(MAX_ATTR_STRING), f32, z.boolean(), z.array(f32).max(MAX_ATTR_ARRAY), z.null()]);

const nodeSchema = z.strictObject({
  id,
  /** An op name from the registry, or `leaf` for a value the user supplies. */
  op: z.string().min(1).max(MAX_OP_NAME),
  inputs: z.array(id).max(MAX_INPUTS).optional(),
  attrs: z.record(attrKey, attrValue).optional(),
  /** Initial value; required for leaves. */
  value: literal.optional(),
  /** Leaves only. Defaults to `input`. */
  role: z.enum(ROLES).optional(),
  label: text.optional(),
  note: text.optional(),
  /** Id of a group (LoRA branch, attention block, checkpoint segment) the canvas can fold. */
  group: id.optional(),
  /** Lines for the step bar at this node, overriding the op's defaults. */
  commentary: z.strictObject({ forward: text.optional(), backward: text.optional() }).optional(),
  /** Layer index, used by checkpointing to cut the graph into segments. */
  layer: z.number().int().min(0).max(MAX_LAYER).optional(),
  /** The op/inputs/attrs/value an option switches (src/core/variants.ts); resolved before compile. */
  by: nodeSwitchSchema.optional(),
});

const optionValue = z.union([z.string().max(MAX_OPTION_STRING), f32, z.boolean()]);
const objectiveSchema = z.strictObject({
  name: id,
  /** Id of a scalar node. */
  node: id,
  label: text.optional(),
});
const optionSchema = z.strictObject({
  name: id,
  label: text.optional(),
  values: z.array(optionValue).min(1).max(MAX_OPTION_VALUES),
  default: optionValue,
});
const groupSchema = z.strictObject({ id, label: text, kind: z.enum(['lora', 'attention', 'segment', 'block']) });

export const graphSpecSchema = z.strictObject({
  id: id.optional(),
  title: text.optional(),
  nodes: z.array(nodeSchema).min(1).max(MAX_NODES),
  objectives: z.array(objectiveSchema).min(1).max(MAX_OBJECTIVES),
  options: z.array(optionSchema).max(MAX_OPTIONS).optional(),
  groups: z.array(groupSchema).max(MAX_GROUPS).optional(),
  notes: z.array(text).max(MAX_NOTES).optional(),
  /**
   * Run setting: keep the output of every k-th layer (nodes tagged `layer`), free the other
   * activations after the forward pass and recompute them in backward. 0 or absent = keep all.
   */
  checkpoint: z.number().int().min(0).max(MAX_CHECKPOINT).optional(),
  /** Declarative checks (value or gradient vs a number), evaluated like an exercise's. */
  checks: z.array(checkSchema).max(200).optional(),
  /** Lecture tracks (src/core/track.ts): stops played with → in presenter mode. */
  tracks: z.array(trackSchema).max(MAX_TRACKS).optional(),
});

export type NodeSpec = z.infer<typeof nodeSchema>;
export type ObjectiveSpec = z.infer<typeof objectiveSchema>;
export type OptionSpec = z.infer<typeof optionSchema>;
export type GroupSpec = z.infer<typeof groupSchema>;
export type GraphSpec = z.infer<typeof graphSpecSchema>;

/** `['inputs', 0]` → `inputs[0]`. */
const fieldPath = (path: PropertyKey[]): string =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i > 0 ? '.' : ''}${String(k)}`)).join('');

/** Turns a zod issue path into the node id (when the path is inside `nodes`) and a field. */
function locate(raw: unknown, path: PropertyKey[]): Pick<Problem, 'node' | 'field'> {
  if (path[0] === 'nodes' && typeof path[1] === 'number') {
    const n = (raw as { nodes?: unknown[] }).nodes?.[path[1]];
    const nid = n && typeof n === 'object' && typeof (n as { id?: unknown }).id === 'string' ? (n as { id: string }).id : `#${path[1]}`;
    return { node: nid, field: fieldPath(path.slice(2)) || '(node)' };
  }
  return { field: fieldPath(path) || '(graph)' };
}

/** Reserved attr keys, found in the raw input (own keys, as JSON.parse makes them). */
function reservedAttrKeys(raw: unknown): Problem[] {
  const nodes = (raw as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) return [];
  const out: Problem[] = [];
  nodes.forEach((n, i) => {
    const attrs = n && typeof n === 'object' ? (n as { attrs?: unknown }).attrs : undefined;
    if (!attrs || typeof attrs !== 'object') return;
    for (const k of Object.keys(attrs)) {
      if (RESERVED_NAMES.has(k))
        out.push({ ...locate(raw, ['nodes', i, 'attrs', k]), message: `${quote(k)} is a reserved name, not an attr` });
    }
  });
  return out;
}

/** Validates the structure of an untrusted graph; throws GraphError listing every problem. */
export function parseGraphSpec(raw: unknown): GraphSpec {
  // Before zod copies anything: a `__proto__` key must never be assigned into a fresh object.
  const reserved = reservedAttrKeys(raw);
  if (reserved.length) throw new GraphError(reserved.slice(0, MAX_PROBLEMS));
  const r = graphSpecSchema.safeParse(raw);
  if (r.success) return r.data;
  throw new GraphError(r.error.issues.slice(0, MAX_PROBLEMS).map((i) => ({ ...locate(raw, i.path), message: i.message })));
}
