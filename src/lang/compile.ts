import { type Anchor, MAX_PAUSE, type StopSpec, type TrackSpec, trackProblems } from '../core/track';
import type { GraphSpec, GroupSpec, NestedNumber, NodeSpec, ObjectiveSpec, OptionSpec, OptionValue, Role } from '../core/types';
import type { CheckCmp, CheckSpec, NodeCase } from '../core/variants';
import { resolveSwitches } from '../core/variants';
import type { Annotation, Expr, Span, Stmt, StopStmt, StopValue, SwitchExpr } from './ast';
import { At, constValue, isConst, isPlainLiteral, roundF32, seedOf } from './consts';
import { didYouMean, lowerAssign } from './lower';
import type { RawProblem } from './syntax';
import { expr as exprText } from './text';

export interface Compiled {
  spec: GraphSpec;
  problems: RawProblem[];
  /** Where each node comes from: its statement (assigned nodes) or subexpression (intermediates). */
  spans: Map<string, Span>;
  /** Where a node's field is written, when it has a place of its own (a call's op name, its arguments): `fieldKey(node, field)`. */
  fields: Map<string, Span>;
  /** Leaves whose value was written as an initialiser (`randn(3, 2) * 0.1`): its canonical text. */
  inits: Map<string, string>;
}

const GROUP_KINDS = ['lora', 'attention', 'segment', 'block'] as const;
const NODE_KEYS = ['label', 'note', 'forward', 'backward', 'layer', 'group'];

/** The key of a node's field in `Compiled.fields`. */
export const fieldKey = (node: string, field: string): string => `${node}\u0000${field}`;

/** Statements (from readSyntax) → a GraphSpec, with every semantic problem located. */
export function compileStatements(stmts: Stmt[]): Compiled {
  const problems: RawProblem[] = [];
  const spans = new Map<string, Span>();
  const fields = new Map<string, Span>();
  const inits = new Map<string, string>();
  const nodes: NodeSpec[] = [];
  const objectives: (ObjectiveSpec & { span: Span; nodeSpan: Span })[] = [];
  const options: OptionSpec[] = [];
  const groups: (GroupSpec & { span: Span })[] = [];
  const groupRefs: { id: string; span: Span }[] = [];
  const notes: string[] = [];
  const checks: (CheckSpec & { span: Span })[] = [];
  const uses: { id: string; span: Span; node: string }[] = [];
  const tracks: { track: TrackSpec; stops: StopStmt[] }[] = [];
  const spec: GraphSpec = { nodes: [], objectives: [] };
  let checkpoint: number | undefined;

  const guard = (node: string | undefined, f: () => void) => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof At)) throw e;
      problems.push({
        from: e.span.from,
        to: e.span.to,
        message: e.message,
        ...(node ? { node } : {}),
        ...(e.field ? { field: e.field } : {}),
      });
    }
  };

  // Every name a statement declares, first: names may be used before the line that defines them.
  const declared = new Map<string, Span>();
  const declare = (list: Stmt[]) => {
    for (const s of list) {
      if (s.k === 'assign') {
        if (declared.has(s.id)) problems.push({ ...s.idSpan, node: s.id, field: 'id', message: `"${s.id}" is defined twice` });
        else declared.set(s.id, s.idSpan);
      } else if ((s.k === 'group' || s.k === 'layer') && s.body) declare(s.body);
      else if (s.k === 'option') {
        if (options.some((o) => o.name === s.name))
          problems.push({ ...s, field: 'options', message: `option "${s.name}" is declared twice` });
        else options.push(optionOf(s, problems));
      }
    }
  };
  declare(stmts);
  const taken = (id: string) => declared.has(id) || spans.has(id);

  const annotate = (n: NodeSpec, anns: Annotation[], allowed: string[], what: string) => {
    for (const a of anns) {
      if (!allowed.includes(a.key)) throw new At(a, `${what} has no "${a.key}" (it takes: ${allowed.join(', ')})`);
      const str = () => {
        if (typeof a.value !== 'string') throw new At(a, `${a.key} is text`);
        return a.value;
      };
      if (a.key === 'layer') {
        if (typeof a.value !== 'number' || !Number.isInteger(a.value) || a.value < 0)
          throw new At(a, 'layer is a whole number ≥ 0', 'layer');
        n.layer = a.value;
      } else if (a.key === 'forward' || a.key === 'backward') n.commentary = { ...n.commentary, [a.key]: str() };
      else if (a.key === 'group') {
        n.group = str();
        groupRefs.push({ id: n.group, span: a });
      } else (n as unknown as Record<string, unknown>)[a.key] = str();
    }
  };

  const assign = (s: Extract<Stmt, { k: 'assign' }>, ctx: { group?: string; layer?: number }) => {
    const base: NodeSpec = { id: s.id, op: 'leaf' };
    annotate(base, s.annotations, NODE_KEYS, 'a node');
    const common: Partial<NodeSpec> = {};
    const group = base.group ?? ctx.group;
    const layer = base.layer ?? ctx.layer;
    if (group !== undefined) common.group = group;
    if (layer !== undefined) common.layer = layer;
    const { id: _id, op: _op, ...annotated } = base;
    const extra: Partial<NodeSpec> = { ...annotated, ...common };
    let seeds = 0;
    const seed = () => seedOf(seeds++ === 0 ? s.id : `${s.id}#${seeds}`);
    const leafValue = (e: Expr): NestedNumber => {
      const v = constValue(e, seed);
      if (v === null)
        throw new At(
          e,
          `the value of ${s.role ? `${s.role} ` : ''}"${s.id}" must be a constant (numbers, [arrays], zeros/ones/full/randn/uniform)`,
          'value',
        );
      return isPlainLiteral(e) ? v : roundF32(v);
    };
    const rhs = s.rhs;
    const isLeaf = s.role !== undefined || (rhs.k === 'switch' ? rhs.cases.every((c) => isConst(c.expr)) : isConst(rhs));
    if (rhs.k === 'switch') {
      const n = switchNode(
        s,
        rhs,
        isLeaf,
        common,
        leafValue,
        taken,
        options,
        (u) => uses.push({ ...u, node: s.id }),
        (f, span) => fields.set(fieldKey(s.id, f), span),
      );
      nodes.push({ ...n, ...(s.role ? { role: s.role as Role } : {}), ...extra });
    } else if (isLeaf) {
      const value = leafValue(rhs);
      if (!isPlainLiteral(rhs)) inits.set(s.id, exprText(rhs));
      nodes.push({ id: s.id, op: 'leaf', value, ...(s.role ? { role: s.role as Role } : {}), ...extra });
    } else {
      const low = lowerAssign(s.id, rhs, taken, common);
      for (const u of low.uses) uses.push({ ...u, node: s.id });
      for (const [id, span] of low.spans) spans.set(id, span);
      for (const f of low.fields) fields.set(fieldKey(f.node, f.field), f.span);
      const last = low.nodes[low.nodes.length - 1] as NodeSpec;
      Object.assign(last, extra);
      nodes.push(...low.nodes);
    }
    spans.set(s.id, s);
  };

  const block = (list: Stmt[], ctx: { group?: string; layer?: number }) => {
    for (const s of list) {
      if (s.k === 'assign') guard(s.id, () => assign(s, ctx));
      else if (s.k === 'group' && s.body) {
        if (ctx.group !== undefined) problems.push({ ...s, message: `group "${s.id}" is inside group "${ctx.group}": groups do not nest` });
        else guard(undefined, () => groupStmt(s, ctx));
      } else if (s.k === 'layer') block(s.body, { ...ctx, layer: s.n });
      else problems.push({ ...s, message: 'a group or layer block holds assignments only' });
    }
  };

  const groupStmt = (s: Extract<Stmt, { k: 'group' }>, ctx: { group?: string; layer?: number }) => {
    if (s.label !== undefined || s.kind !== undefined || !s.body) {
      const kind = (s.kind ?? 'block') as GroupSpec['kind'];
      if (!GROUP_KINDS.includes(kind)) throw new At(s, `group kind "${s.kind}" is not one of ${GROUP_KINDS.join(', ')}`, 'kind');
      if (groups.some((g) => g.id === s.id)) throw new At(s, `group "${s.id}" is declared twice`);
      groups.push({ id: s.id, label: s.label ?? s.id, kind, span: s });
    } else groupRefs.push({ id: s.id, span: s });
    if (s.body) block(s.body, { ...ctx, group: s.id });
  };

  for (const s of stmts) {
    guard(s.k === 'assign' ? s.id : undefined, () => {
      switch (s.k) {
        case 'graph':
          if (spec.title !== undefined || spec.id !== undefined) throw new At(s, 'only one graph line per file');
          if (s.title !== undefined) spec.title = s.title;
          for (const a of s.annotations) {
            if (a.key !== 'id') throw new At(a, `the graph line has no "${a.key}" (it takes: id)`);
            spec.id = String(a.value);
          }
          return;
        case 'note':
          notes.push(s.text);
          return;
        case 'option':
          return;
        case 'checkpoint':
          if (!Number.isInteger(s.n)) throw new At(s, 'checkpoint takes a whole number: keep every k-th layer (0 = keep all)');
          checkpoint = s.n;
          return;
        case 'group':
          return groupStmt(s, {});
        case 'layer':
          return block(s.body, { layer: s.n });
        case 'objective': {
          const o: ObjectiveSpec = { name: s.name, node: s.node ?? s.name };
          for (const a of s.annotations) {
            if (a.key !== 'label' || typeof a.value !== 'string') throw new At(a, `an objective takes { label: "…" } only`);
            o.label = a.value;
          }
          objectives.push({ ...o, span: s, nodeSpan: s.nodeSpan ?? s });
          return;
        }
        case 'check':
          checks.push({ ...checkOf(s), span: s });
          return;
        case 'track':
          tracks.push({ track: { ...(s.title !== undefined ? { title: s.title } : {}), stops: s.stops.map(stopOf) }, stops: s.stops });
          if (!s.stops.length) throw new At(s, 'a track needs at least one stop: stop "title" { at: forward(node) }', 'tracks');
          return;
        case 'assign':
          return assign(s, {});
      }
    });
  }

  const ids = new Set(nodes.map((n) => n.id));
  for (const u of uses) {
    if (!ids.has(u.id) && !declared.has(u.id))
      problems.push({ ...u.span, node: u.node, field: 'inputs', message: `unknown name "${u.id}"${didYouMean(u.id, ids)}` });
  }
  for (const g of groupRefs) {
    if (!groups.some((d) => d.id === g.id)) {
      // a block `group g { … }` with no declaration elsewhere declares the group itself
      const s = stmts.find((x) => x.k === 'group' && x.id === g.id && x.from === g.span.from);
      if (s) groups.push({ id: g.id, label: g.id, kind: 'block', span: g.span });
      else problems.push({ ...g.span, field: 'group', message: `no group "${g.id}" is declared (group ${g.id} "label" kind block)` });
    }
  }
  for (const o of objectives) {
    if (!ids.has(o.node) && !declared.has(o.node))
      problems.push({
        ...o.nodeSpan,
        field: 'objectives',
        message: `objective "${o.name}" names no node "${o.node}"${didYouMean(o.node, ids)}`,
      });
  }
  for (const c of checks) {
    if (!ids.has(c.node) && !declared.has(c.node))
      problems.push({ ...c.span, field: 'checks', message: `check names no node "${c.node}"${didYouMean(c.node, ids)}` });
  }
  if (!objectives.length && !problems.length) {
    problems.push({
      from: 0,
      to: 0,
      field: 'objectives',
      message: 'no objective: add a line `objective <node>` naming the scalar to differentiate',
    });
  }
  if (!nodes.length && !problems.length)
    problems.push({ from: 0, to: 0, field: 'nodes', message: 'no nodes: write a leaf (x = 3) and an op (y = x^2)' });

  spec.nodes = nodes;
  spec.objectives = objectives.map(({ span: _s, nodeSpan: _n, ...o }) => o);
  if (options.length) spec.options = options;
  if (groups.length) spec.groups = groups.map(({ span: _s, ...g }) => g);
  if (notes.length) spec.notes = notes;
  if (checks.length) spec.checks = checks.map(({ span: _s, ...c }) => c);
  if (checkpoint !== undefined) (spec as { checkpoint?: number }).checkpoint = checkpoint;
  if (tracks.length) {
    spec.tracks = tracks.map((t) => t.track);
    if (!problems.length) problems.push(...trackNames(spec, tracks));
  }
  return { spec, problems, spans, fields, inits };
}

function optionOf(s: Extract<Stmt, { k: 'option' }>, problems: RawProblem[]): OptionSpec {
  const o: OptionSpec = { name: s.name, values: s.values, default: s.default ?? (s.values[0] as OptionValue) };
  if (s.default !== undefined && !s.values.some((v) => v === s.default)) {
    problems.push({ ...s, field: `options.${s.name}`, message: `the default ${String(s.default)} is not one of the values` });
  }
  for (const a of s.annotations) {
    if (a.key !== 'label' || typeof a.value !== 'string')
      problems.push({ ...a, field: `options.${s.name}`, message: 'an option takes { label: "…" } only' });
    else o.label = a.value;
  }
  return o;
}

function checkOf(s: Extract<Stmt, { k: 'check' }>): CheckSpec {
  let m = s.measure;
  let norm = false;
  if (m.k === 'call' && m.fn === 'norm' && m.args.length === 1 && !m.kwargs.length) {
    norm = true;
    m = m.args[0] as Expr;
  }
  if (m.k !== 'call' || (m.fn !== 'value' && m.fn !== 'grad') || m.args.length !== 1 || m.kwargs.length || m.args[0]?.k !== 'name') {
    throw new At(s.measure, 'a check reads value(node) or grad(node), or norm(value(node)) / norm(grad(node))', 'checks');
  }
  const expected = constValue(s.expected, () => 0);
  if (expected === null) throw new At(s.expected, 'a check compares with a constant (a number or [numbers])', 'checks');
  const c: CheckSpec = {
    ...(s.name !== undefined ? { name: s.name } : {}),
    measure: m.fn,
    node: m.args[0].id,
    ...(norm ? { norm } : {}),
    cmp: s.cmp as CheckCmp,
    expected: isPlainLiteral(s.expected) ? expected : roundF32(expected),
  };
  if (s.within) {
    const tol = constValue(s.within, () => 0);
    if (typeof tol !== 'number' || !(tol > 0)) throw new At(s.within, 'within takes a positive number (a tolerance)', 'checks');
    if (s.cmp !== '==') throw new At(s.within, 'within goes with == only', 'checks');
    c.tol = tol;
  }
  return c;
}

function switchNode(
  s: Extract<Stmt, { k: 'assign' }>,
  sw: SwitchExpr,
  isLeaf: boolean,
  common: Partial<NodeSpec>,
  leafValue: (e: Expr) => NestedNumber,
  taken: (id: string) => boolean,
  options: OptionSpec[],
  use: (u: { id: string; span: Span }) => void,
  field: (field: string, span: Span) => void,
): NodeSpec {
  const opt = options.find((o) => o.name === sw.option);
  if (!opt)
    throw new At(
      sw.optionSpan,
      `no option "${sw.option}" (declare it: option ${sw.option} = a | b)${didYouMean(
        sw.option,
        options.map((o) => o.name),
      )}`,
      'by.option',
    );
  const cases: Record<string, NodeCase> = {};
  let fallback: NodeCase | undefined;
  for (const c of sw.cases) {
    let nc: NodeCase;
    if (isLeaf) nc = { value: leafValue(c.expr) };
    else {
      const low = lowerAssign(s.id, c.expr, taken, common);
      if (low.nodes.length !== 1) throw new At(c.expr, 'a switch case is one op over node names; give the rest its own line', 'by');
      for (const u of low.uses) use(u);
      // the node's own op is the else case's, or the default's; the others are its `by.cases`
      for (const f of low.fields) {
        if (c.key !== undefined) field(`by.cases.${String(c.key)}.${f.field}`, f.span);
        if (c.key === undefined || (String(c.key) === String(opt.default) && !sw.cases.some((o) => o.key === undefined)))
          field(f.field, f.span);
      }
      const n = low.nodes[0] as NodeSpec;
      nc = { op: n.op, inputs: n.inputs ?? [], ...(n.attrs ? { attrs: n.attrs } : {}) };
    }
    if (c.key === undefined) {
      if (fallback) throw new At(c, 'two else cases', 'by');
      fallback = nc;
      continue;
    }
    const key = String(c.key);
    if (!opt.values.some((v) => String(v) === key)) {
      throw new At(c, `${key} is not a value of option ${opt.name} (${opt.values.map(String).join(' | ')})`, 'by.cases');
    }
    if (Object.hasOwn(cases, key)) throw new At(c, `case ${key} is given twice`, 'by.cases');
    cases[key] = nc;
  }
  const base = fallback ?? cases[String(opt.default)];
  if (!base) throw new At(sw, `no case for the default ${String(opt.default)} of option ${opt.name} (add it, or an else case)`, 'by.cases');
  return { ...base, id: s.id, op: isLeaf ? 'leaf' : (base.op as string), by: { option: sw.option, cases } };
}

const STOP_KEYS = ['at', 'frame', 'callout', 'anchor', 'set', 'pause'];

/** `edge(a, b)` or a node name → an anchor. */
function anchorOf(v: StopValue, field: string): Anchor {
  if (v.k === 'name') return { node: v.id };
  if (v.k === 'ref' && v.fn === 'edge' && v.args.length === 2) return { edge: { from: v.args[0] as string, to: v.args[1] as string } };
  throw new At(v, `${field} takes a node name or edge(from, to)`, field);
}

/** One `stop "title" { … }` → a StopSpec; a wrong key or value is located at its field. */
function stopOf(st: StopStmt): StopSpec {
  let at: StopSpec['at'] | undefined;
  const out: Omit<StopSpec, 'at'> = st.title !== undefined ? { title: st.title } : {};
  for (const f of st.fields) {
    const v = f.value;
    switch (f.key) {
      case 'at':
        if (v.k === 'name' && (v.id === 'start' || v.id === 'end')) at = { phase: v.id };
        else if (v.k === 'ref' && (v.fn === 'forward' || v.fn === 'backward') && v.args.length === 1)
          at = { phase: v.fn, node: v.args[0] as string };
        else throw new At(v, 'at takes start, end, forward(node) or backward(node)', 'at');
        break;
      case 'frame':
        out.frame = (v.k === 'list' ? v.items : [v]).map((x) => anchorOf(x, 'frame'));
        break;
      case 'anchor':
        out.anchor = anchorOf(v, 'anchor');
        break;
      case 'callout':
        if (v.k !== 'str') throw new At(v, 'callout is text: callout: "…"', 'callout');
        out.callout = v.v;
        break;
      case 'set':
        if (v.k !== 'set') throw new At(v, 'set takes options: set: { activation: relu }', 'set');
        out.set = {};
        for (const p of v.pairs) {
          if (Object.hasOwn(out.set, p.key)) throw new At(p, `option ${p.key} is set twice`, 'set');
          out.set[p.key] = p.value;
        }
        break;
      case 'pause':
        if (v.k !== 'num' || !(v.v >= 0 && v.v <= MAX_PAUSE)) throw new At(v, `pause is seconds, 0 to ${MAX_PAUSE}`, 'pause');
        out.pause = v.v;
        break;
      default:
        throw new At(f, `a stop has no "${f.key}" (it takes: ${STOP_KEYS.join(', ')})`, f.key);
    }
  }
  if (!at) throw new At(st, 'a stop needs at: start, end, forward(node) or backward(node)', 'at');
  return { at, ...out };
}

/** Names a track uses that its graph (at that stop's options) does not have, at the stop's field. */
function trackNames(spec: GraphSpec, tracks: { stops: StopStmt[] }[]): RawProblem[] {
  const found = trackProblems(spec.tracks ?? [], spec.options ?? [], (o) => resolveSwitches(spec, o));
  return found.map((p) => {
    const m = /^tracks\[(\d+)\]\.stops\[(\d+)\]\.([a-z]+)/.exec(p.field);
    const stop = m ? tracks[Number(m[1])]?.stops[Number(m[2])] : undefined;
    const span = stop?.fields.find((f) => f.key === m?.[3]) ?? stop ?? { from: 0, to: 0 };
    return { from: span.from, to: span.to, field: p.field, message: p.message };
  });
}
