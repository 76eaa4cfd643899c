import type { Anchor, StopSpec, TrackSpec } from '../core/track';
import type { AttrValue, GraphSpec, NestedNumber, NodeSpec } from '../core/types';
import type { CheckSpec, NodeCase } from '../core/variants';
import type { Expr, KwValue } from './ast';
import type { Attached } from './comments';
import { lowerAssign } from './lower';
import { expr, ident, literal, num, optionLit, quote } from './text';

export interface PrintOptions {
  /** Leaf values to write as their initialiser text (parseGf's `inits`), by node id. */
  inits?: ReadonlyMap<string, string>;
  /** Comments to keep, by line key (parseGf's `comments`). */
  comments?: ReadonlyMap<string, Attached>;
}

const at = { from: 0, to: 0 };
const name = (id: string): Expr => ({ k: 'name', id, ...at });
const lit = (v: NestedNumber): Expr => (typeof v === 'number' ? { k: 'num', v, ...at } : { k: 'array', items: v.map(lit), ...at });
const kw = (v: AttrValue): KwValue => {
  if (v === null) return { k: 'null', ...at };
  if (typeof v === 'string') return { k: 'str', v, ...at };
  if (typeof v === 'boolean') return { k: 'bool', v, ...at };
  return lit(v);
};

const INFIX: Record<string, '+' | '-' | '*' | '/' | '@' | '·'> = { add: '+', sub: '-', mul: '*', div: '/', matmul: '@', dot: '·' };

/** One op over operand expressions, in the form the parser turns back into exactly that op. */
export function opExpr(op: string, args: Expr[], attrs: Record<string, AttrValue> | undefined): Expr {
  const keys = Object.keys(attrs ?? {});
  const [a, b] = args as [Expr, Expr];
  if (args.length === 2 && !keys.length && INFIX[op]) return { k: 'bin', op: INFIX[op], l: a, r: b, ...at };
  if (args.length === 1 && !keys.length) {
    if (op === 'square') return { k: 'bin', op: '^', l: a, r: lit(2), ...at };
    if (op === 'transpose') return { k: 'bin', op: '^', l: a, r: name('T'), ...at };
    if (op === 'neg') return { k: 'neg', x: a, ...at };
  }
  const only = keys.length === 1 ? attrs?.[keys[0] as string] : undefined;
  if (args.length === 1 && op === 'pow' && keys[0] === 'p' && typeof only === 'number' && only !== 2)
    return { k: 'bin', op: '^', l: a, r: lit(only), ...at };
  if (args.length === 1 && op === 'scale' && keys[0] === 'by' && typeof only === 'number')
    return { k: 'bin', op: '*', l: lit(only), r: a, ...at };
  return {
    k: 'call',
    fn: op,
    fnSpan: at,
    args,
    kwargs: keys.map((key) => ({ key, value: kw((attrs as Record<string, AttrValue>)[key] as AttrValue), ...at })),
    ...at,
  };
}

/** A leaf value: one line when short, else one row per line. */
function valueText(v: NestedNumber, indent = ''): string {
  const one = literal(v);
  if (typeof v === 'number' || one.length <= 72 || typeof v[0] === 'number') return one;
  const inner = `${indent}  `;
  return `[\n${v.map((row) => inner + valueText(row, inner)).join(',\n')},\n${indent}]`;
}

function annotations(n: NodeSpec, skip: { group?: boolean; layer?: boolean } = {}): string {
  const parts: string[] = [];
  if (n.label !== undefined) parts.push(`label: ${quote(n.label)}`);
  if (n.note !== undefined) parts.push(`note: ${quote(n.note)}`);
  if (n.commentary?.forward !== undefined) parts.push(`forward: ${quote(n.commentary.forward)}`);
  if (n.commentary?.backward !== undefined) parts.push(`backward: ${quote(n.commentary.backward)}`);
  if (n.layer !== undefined && !skip.layer) parts.push(`layer: ${n.layer}`);
  if (n.group !== undefined && !skip.group) parts.push(`group: ${ident(n.group)}`);
  return parts.length ? ` { ${parts.join(', ')} }` : '';
}

/** Sorted-key JSON: equality of plain data regardless of key order. */
const canon = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .map((k) => [k, (x as Record<string, unknown>)[k]]),
        )
      : x,
  );

function uses(spec: GraphSpec): Map<string, number> {
  const u = new Map<string, number>();
  const add = (id: string) => u.set(id, (u.get(id) ?? 0) + 1);
  for (const n of spec.nodes) {
    for (const i of n.inputs ?? []) add(i);
    for (const c of Object.values(n.by?.cases ?? {})) for (const i of c.inputs ?? []) add(i);
    for (const v of Object.values(n.attrs ?? {})) if (typeof v === 'string') add(v);
  }
  for (const o of spec.objectives) add(o.node);
  for (const c of spec.checks ?? []) add(c.node);
  return u;
}

const commonOf = (n: NodeSpec): Partial<NodeSpec> => ({
  ...(n.group !== undefined ? { group: n.group } : {}),
  ...(n.layer !== undefined ? { layer: n.layer } : {}),
});

/**
 * `root = <expression>` for nodes[start..k] when the parser turns that line back into exactly
 * these nodes (ids, labels, constants, order); undefined otherwise. Checked by lowering it.
 */
function inlined(spec: GraphSpec, start: number, k: number, useCount: Map<string, number>, ids: Set<string>): Expr | undefined {
  const root = spec.nodes[k] as NodeSpec;
  const run = spec.nodes.slice(start, k);
  const byId = new Map(run.map((n) => [n.id, n]));
  const done = new Set<string>();
  const sub = (id: string): Expr => {
    const n = byId.get(id);
    if (!n || useCount.get(id) !== 1 || done.has(id)) return name(id);
    done.add(id);
    return n.op === 'leaf' ? lit(n.value as NestedNumber) : opExpr(n.op, (n.inputs ?? []).map(sub), n.attrs);
  };
  const e = opExpr(root.op, (root.inputs ?? []).map(sub), root.attrs);
  if (done.size !== run.length) return undefined;
  const runIds = new Set(run.map((n) => n.id));
  let low: ReturnType<typeof lowerAssign>;
  try {
    low = lowerAssign(root.id, e, (id) => ids.has(id) && !runIds.has(id), commonOf(root));
  } catch {
    return undefined;
  }
  const last = low.nodes.at(-1) as NodeSpec;
  const same =
    low.nodes.length === run.length + 1 &&
    run.every((n, i) => canon(n) === canon(low.nodes[i])) &&
    canon({ op: root.op, inputs: root.inputs, attrs: root.attrs }) === canon({ op: last.op, inputs: last.inputs, attrs: last.attrs });
  return same ? e : undefined;
}

const caseExpr = (c: NodeCase, leaf: boolean): string =>
  leaf ? valueText(c.value as NestedNumber) : expr(opExpr(c.op as string, (c.inputs ?? []).map(name), c.attrs));

function switchText(n: NodeSpec, spec: GraphSpec): string {
  const by = n.by as NonNullable<NodeSpec['by']>;
  const leaf = n.op === 'leaf';
  const opt = spec.options?.find((o) => o.name === by.option);
  const cases = Object.entries(by.cases).map(([k, c]) => {
    const v = opt?.values.find((x) => String(x) === k);
    return `${v !== undefined ? optionLit(v) : optionLit(k)} => ${caseExpr(c, leaf)}`;
  });
  const base: NodeCase = leaf ? { value: n.value } : { op: n.op, inputs: n.inputs ?? [], ...(n.attrs ? { attrs: n.attrs } : {}) };
  const dflt = opt ? by.cases[String(opt.default)] : undefined;
  if (!dflt || canon(dflt) !== canon(base)) cases.push(`else => ${caseExpr(base, leaf)}`);
  return `switch ${ident(by.option)} { ${cases.join(', ')} }`;
}

function checkLine(c: CheckSpec): string {
  const m = `${c.measure}(${ident(c.node)})`;
  const measure = c.norm ? `norm(${m})` : m;
  return `check ${c.name !== undefined ? `${quote(c.name)} ` : ''}${measure} ${c.cmp} ${literal(c.expected)}${c.tol !== undefined ? ` within ${num(c.tol)}` : ''}`;
}

const anchorText = (a: Anchor): string => ('node' in a ? ident(a.node) : `edge(${ident(a.edge.from)}, ${ident(a.edge.to)})`);

/** One stop on one line: `stop "title" { at: backward(a3), frame: [z1], callout: "…" }`. */
function stopLine(s: StopSpec): string {
  const parts = ['node' in s.at ? `at: ${s.at.phase}(${ident(s.at.node)})` : `at: ${s.at.phase}`];
  if (s.frame !== undefined) parts.push(`frame: [${s.frame.map(anchorText).join(', ')}]`);
  if (s.callout !== undefined) parts.push(`callout: ${quote(s.callout)}`);
  if (s.anchor !== undefined) parts.push(`anchor: ${anchorText(s.anchor)}`);
  if (s.set !== undefined)
    parts.push(
      `set: { ${Object.entries(s.set)
        .map(([k, v]) => `${ident(k)}: ${optionLit(v)}`)
        .join(', ')} }`,
    );
  if (s.pause !== undefined) parts.push(`pause: ${num(s.pause)}`);
  return `stop${s.title !== undefined ? ` ${quote(s.title)}` : ''} { ${parts.join(', ')} }`;
}

function trackLines(t: TrackSpec, i: number, withComments: (key: string, line: string) => string): string[] {
  const head = withComments(`track:${i}`, `track${t.title !== undefined ? ` ${quote(t.title)}` : ''} {`);
  const stops = t.stops.map((s, j) => withComments(`stop:${i}:${j}`, stopLine(s)).replace(/^(?=.)/gm, '  '));
  return [head, ...stops, '}'];
}

/** A GraphSpec as canonical .gf text; parseGf(printGf(spec)).spec equals spec. */
export function printGf(spec: GraphSpec, o: PrintOptions = {}): string {
  const out: string[] = [];
  const head: string[] = [];
  const counts = { check: 0, note: 0 };
  /** The line with its comments: whole-line ones before it, an end-of-line one after it. */
  const withComments = (key: string, line: string): string => {
    const c = o.comments?.get(key);
    if (!c) return line;
    return [...c.lead, c.trail !== undefined ? `${line}  ${c.trail}` : line].join('\n');
  };
  if (spec.title !== undefined || spec.id !== undefined) {
    head.push(
      withComments(
        'graph',
        `graph${spec.title !== undefined ? ` ${quote(spec.title)}` : ''}${spec.id !== undefined ? ` { id: ${quote(spec.id)} }` : ''}`,
      ),
    );
  }
  for (const n of spec.notes ?? []) head.push(withComments(`note:${counts.note++}`, `note ${quote(n)}`));
  for (const opt of spec.options ?? []) {
    const d = opt.default !== opt.values[0] ? ` default ${optionLit(opt.default)}` : '';
    const label = opt.label !== undefined ? ` { label: ${quote(opt.label)} }` : '';
    head.push(withComments(`option:${opt.name}`, `option ${ident(opt.name)} = ${opt.values.map(optionLit).join(' | ')}${d}${label}`));
  }
  const checkpoint = (spec as { checkpoint?: number }).checkpoint;
  if (checkpoint !== undefined) head.push(withComments('checkpoint', `checkpoint ${checkpoint}`));
  for (const g of spec.groups ?? [])
    head.push(withComments(`group:${g.id}`, `group ${ident(g.id)} ${quote(g.label)}${g.kind !== 'block' ? ` kind ${g.kind}` : ''}`));
  if (head.length) out.push(head.join('\n'), '');

  const useCount = uses(spec);
  const ids = new Set(spec.nodes.map((n) => n.id));
  const starts = new Map<number, number[]>();
  spec.nodes.forEach((n, k) => {
    if (n.op === 'leaf' || n.by) return;
    let j = k;
    while (j > 0 && (spec.nodes[j - 1] as NodeSpec).id.startsWith(`${n.id}.`)) j--;
    if (j < k) starts.set(j, [k, ...(starts.get(j) ?? [])]);
  });
  const lines: string[] = [];
  const declared = new Set((spec.groups ?? []).map((g) => g.id));
  let open: string | undefined;
  for (let i = 0; i < spec.nodes.length; ) {
    let k = i;
    let e: Expr | undefined;
    for (const cand of starts.get(i) ?? []) {
      e = inlined(spec, i, cand, useCount, ids);
      if (e) {
        k = cand;
        break;
      }
    }
    const n = spec.nodes[k] as NodeSpec;
    // consecutive nodes of one declared group print as a block `group g { … }`
    const g = n.group !== undefined && declared.has(n.group) ? n.group : undefined;
    if (open !== g) {
      if (open !== undefined) lines.push('}');
      if (g !== undefined) lines.push(withComments(`block:${g}`, `group ${ident(g)} {`));
      open = g;
    }
    const role = n.role !== undefined ? `${n.role} ` : '';
    let rhs: string;
    if (n.by) rhs = switchText(n, spec);
    else if (n.op === 'leaf') rhs = o.inits?.get(n.id) ?? valueText(n.value as NestedNumber, g !== undefined ? '  ' : '');
    else rhs = expr(e ?? opExpr(n.op, (n.inputs ?? []).map(name), n.attrs));
    const line = withComments(`node:${n.id}`, `${role}${ident(n.id)} = ${rhs}${annotations(n, { group: g !== undefined })}`);
    lines.push(g !== undefined ? line.replace(/^(?=.)/gm, '  ') : line);
    i = k + 1;
  }
  if (open !== undefined) lines.push('}');
  out.push(lines.join('\n'), '');

  const tail: string[] = [];
  for (const ob of spec.objectives) {
    const label = ob.label !== undefined ? ` { label: ${quote(ob.label)} }` : '';
    tail.push(
      withComments(`objective:${ob.name}`, `objective ${ident(ob.name)}${ob.node !== ob.name ? ` = ${ident(ob.node)}` : ''}${label}`),
    );
  }
  for (const c of spec.checks ?? []) tail.push(withComments(`check:${counts.check++}`, checkLine(c)));
  (spec.tracks ?? []).forEach((t, i) => {
    tail.push('', ...trackLines(t, i, withComments));
  });
  const end = o.comments?.get('end');
  if (end) tail.push(...end.lead);
  out.push(tail.join('\n'));
  // one blank line at most, none at the start of a block or of the file
  const text = `${out.join('\n')}\n`
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\{\n\n/g, '{\n')
    .replace(/^\n+/, '');
  return text;
}
