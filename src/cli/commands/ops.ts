import { z } from 'zod';
import { attrNames } from '../../core/compile';
import { GraphError } from '../../core/errors';
import type { AnyOp } from '../../core/op';
import { opNames, REGISTRY } from '../../core/registry';
import { didYouMean } from '../../core/suggest';
import type { CliArgs } from '../args';

/** A value as the table writes it: numbers and null bare, strings as code. */
const shown = (v: unknown): string => (typeof v === 'string' ? `\`${v}\`` : String(v));

/** One attr as the table writes it: `` `axis` (null) ``, `` `approximate` (`none` | `tanh`) ``; no parens when it has no default. */
function attrText(op: AnyOp, key: string): string {
  const t = (op.attrs as z.ZodObject).shape[key] as z.ZodType;
  const given = t.safeParse(undefined);
  const inner = t instanceof z.ZodDefault ? (t.unwrap() as z.ZodType) : t;
  const values = inner instanceof z.ZodEnum ? (inner.options as unknown[]) : undefined;
  if (values) return `\`${key}\` (${values.map(shown).join(' | ')}${given.success ? `; default ${shown(given.data)}` : ''})`;
  return given.success && given.data !== undefined ? `\`${key}\` (${shown(given.data)})` : `\`${key}\``;
}

/** The "inputs · attrs" cell: `x · \`axis\` (null)`, `u…` for a variadic op. */
export function signatureCell(op: AnyOp): string {
  const inputs = op.inputs.map((s) => (op.variadic ? `${s}…` : s)).join(', ');
  const attrs = attrNames(op).map((k) => attrText(op, k));
  return attrs.length ? `${inputs} · ${attrs.join(', ')}` : inputs;
}

const cell = (s: string): string => s.replaceAll('|', '\\|');

/**
 * The op reference as a Markdown table, from the registry: every op's inputs and attrs (as its
 * schema declares them, with defaults), forward rule, VJP and notes (its own `doc`). Nothing else
 * lists the ops: adding one adds its row here.
 */
export function opsTable(): string {
  const rows = [...REGISTRY.values()].map((op) =>
    [`\`${op.name}\``, signatureCell(op), op.doc.forward, op.doc.vjp, op.doc.notes ?? ''].map(cell),
  );
  const head = ['op', 'inputs · attrs', 'forward', 'gradient (VJP)', 'notes'];
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** One op, a line per field, for the terminal. */
export function opText(op: AnyOp): string {
  return [
    `${op.name}(${op.inputs.join(', ')}${op.variadic ? '…' : ''})`,
    `  inputs · attrs  ${signatureCell(op)}`,
    `  forward         ${op.doc.forward}`,
    `  gradient (VJP)  ${op.doc.vjp}`,
    ...(op.doc.notes ? [`  notes           ${op.doc.notes}`] : []),
    `  KaTeX           ${op.formula.forward}; ${op.formula.vjp.join('; ')}`,
  ].join('\n');
}

/** `ops`: the op reference as a Markdown table; `ops NAME…`: those ops, in detail. */
export function opsCommand(a: CliArgs, out: (s: string) => void): number {
  if (a.positional.length === 0) {
    out(opsTable());
    return 0;
  }
  const unknown = a.positional.filter((n) => !REGISTRY.has(n));
  if (unknown.length) {
    throw new GraphError(
      unknown.map((n) => {
        const near = didYouMean(n, opNames());
        return { field: '<op>', message: `no op "${n}"${near ? ` (did you mean "${near}"?)` : ''}` };
      }),
    );
  }
  out(a.positional.map((n) => opText(REGISTRY.get(n) as AnyOp)).join('\n\n'));
  return 0;
}
