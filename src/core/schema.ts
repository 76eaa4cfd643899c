import { z } from 'zod';
import { GraphError, type Problem } from './errors';
import type { GraphSpec } from './types';

/** Labels, notes and commentary are data; cap them so a hostile file cannot flood the page. */
export const MAX_TEXT = 4000;
export const MAX_NODES = 2000;

/** Ids become map keys and URL values: plain names only, none that shadow Object's own. */
const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);
const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - and a leading letter or _')
  .refine((s) => !RESERVED_IDS.has(s), 'is a reserved name');
const text = z.string().max(MAX_TEXT);
// Literals are checked by parseLiteral (kind, ragged, finite, depth, size) with clearer messages.
const literal = z.unknown();
const attrValue = z.union([z.string().max(200), z.number(), z.boolean(), z.array(z.number()).max(16), z.null()]);

const node = z.strictObject({
  id,
  op: z.string().min(1).max(60),
  inputs: z.array(id).max(64).optional(),
  attrs: z.record(z.string().max(60), attrValue).optional(),
  value: literal.optional(),
  role: z.enum(['input', 'param', 'frozen', 'constant']).optional(),
  label: text.optional(),
  note: text.optional(),
  group: id.optional(),
  commentary: z.strictObject({ forward: text.optional(), backward: text.optional() }).optional(),
  layer: z.number().int().min(0).max(10_000).optional(),
});

const optionValue = z.union([z.string().max(100), z.number(), z.boolean()]);

export const graphSpecSchema = z.strictObject({
  id: id.optional(),
  title: text.optional(),
  nodes: z.array(node).min(1).max(MAX_NODES),
  objectives: z
    .array(z.strictObject({ name: id, node: id, label: text.optional() }))
    .min(1)
    .max(16),
  options: z
    .array(z.strictObject({ name: id, label: text.optional(), values: z.array(optionValue).min(1).max(64), default: optionValue }))
    .max(32)
    .optional(),
  groups: z
    .array(z.strictObject({ id, label: text, kind: z.enum(['lora', 'attention', 'segment', 'block']) }))
    .max(200)
    .optional(),
  notes: z.array(text).max(50).optional(),
});

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

/** Validates the structure of an untrusted graph; throws GraphError listing every problem. */
export function parseGraphSpec(raw: unknown): GraphSpec {
  const r = graphSpecSchema.safeParse(raw);
  if (r.success) return r.data as GraphSpec;
  throw new GraphError(r.error.issues.slice(0, 50).map((i) => ({ ...locate(raw, i.path), message: i.message })));
}
