import { describe, expect, test } from 'vitest';
import { compile } from '../../src/core/compile';
import { GraphError, type Problem } from '../../src/core/errors';
import { locateProblem } from '../../src/lang';
import { applySplices, type GfEdit } from '../../src/lang/edit';
import { editGf, type GfEditOp } from '../../src/lang/editOps';

/** Hand-formatted on purpose: odd spacing, comments on and between lines, blank lines, a block, a check, a track. */
const HAND = `graph "hand"   # a title

# weights, hand-aligned
param  w = [0.5, -1.5]     # w
input  x = [2, 1]

layer 1 {
  z   =   w * x      # product
  a = relu( z )  # act
}
h = sum(relu(a) * 2 + relu(z))
y = sum(h.relu2) + 1

L = sum(a) + y   # loss
objective L
check "dw" grad(w) == 1 within 100
track "t" { stop "one" { at: forward(a), frame: [a, edge(z, a)] } }
`;

type Done = Extract<GfEdit, { ok: true }>;
const edit = (op: GfEditOp, text = HAND): Done => {
  const r = editGf(text, op);
  if (!r.ok) throw new Error(`refused: ${r.problem.message}`);
  // the changes are the whole edit: the editor applies them, not a second copy of the text
  expect(applySplices(text, r.changes)).toBe(r.text);
  return r;
};
/** The engine's verdict on the edited text: null when it compiles, else its first problem. */
const engine = (r: Done) => {
  if (!r.parse.spec) return r.parse.problems[0];
  try {
    compile(r.parse.spec);
    return null;
  } catch (e) {
    if (e instanceof GraphError) return e.problems[0];
    throw e;
  }
};
/** `HAND` with each [from, to] replaced, in order: every other byte is the user's. */
const hand = (...swaps: [string, string][]) => swaps.reduce((t, [a, b]) => (t.includes(a) ? t.replace(a, b) : `missing ${a}`), HAND);
const node = (r: Done, id: string) => r.parse.spec?.nodes.find((n) => n.id === id);

describe('canvas edits keep the rest of the text byte for byte', () => {
  test('op of a line: only the call name changes; a user-written id is kept', () => {
    const r = edit({ k: 'op', id: 'a', op: 'tanh' });
    expect(r.text).toBe(hand(['relu( z )', 'tanh( z )']));
    expect(r.focus).toBe('a');
    expect(node(r, 'a')).toMatchObject({ op: 'tanh', inputs: ['z'] });
    expect(engine(r)).toBeNull();
  });

  test('op of an intermediate: its generated id follows the op, and what reads the shifted ids is rewritten', () => {
    const r = edit({ k: 'op', id: 'h.relu', op: 'sigmoid' });
    // h.relu2 (relu(z)) is h.relu now: y, which read it by name, follows
    expect(r.text).toBe(hand(['sum(relu(a) * 2', 'sum(sigmoid(a) * 2'], ['y = sum(h.relu2) + 1', 'y = sum(h.relu) + 1']));
    expect(r.focus).toBe('h.sigmoid');
    expect([...r.renamed]).toEqual([
      ['h.relu', 'h.sigmoid'],
      ['h.relu2', 'h.relu'],
    ]);
    expect(node(r, 'y.sum')?.inputs).toEqual(['h.relu']);
    expect(node(r, 'h.relu')?.inputs).toEqual(['z']);
    expect(engine(r)).toBeNull();
  });

  test('op: infix of the same precedence keeps its place; otherwise a call over the operands; attrs dropped', () => {
    expect(edit({ k: 'op', id: 'z', op: 'div' }).text).toBe(hand(['w * x ', 'w / x ']));
    expect(edit({ k: 'op', id: 'z', op: 'add' }).text).toBe(hand(['w * x ', 'add(w, x) ']));
    // 2 * relu(a) is scale (by=2): another op reads its one input, the 2 is gone with the attr
    const r = edit({ k: 'op', id: 'h.scale', op: 'tanh' });
    expect(r.text).toBe(hand(['relu(a) * 2 + relu(z)', 'tanh(relu(a)) + relu(z)']));
    expect(r.focus).toBe('h.tanh');
  });

  test('op of a palette-named line (relu2 = relu(z)): the name follows the op', () => {
    const text = HAND.replace('objective L', 'relu2 = relu(z)\nk = relu2 * 3\nobjective L');
    const r = edit({ k: 'op', id: 'relu2', op: 'sigmoid' }, text);
    expect(r.text).toBe(text.replace('relu2 = relu(z)', 'sigmoid = sigmoid(z)').replace('k = relu2', 'k = sigmoid'));
    expect(r.focus).toBe('sigmoid');
  });

  test('op: a leaf is refused, naming node and field (a switch is edited in its shown case: editSwitch.test.ts)', () => {
    expect(editGf(HAND, { k: 'op', id: 'w', op: 'tanh' })).toMatchObject({ ok: false, problem: { node: 'w', field: 'op' } });
  });

  test('rename a line: its name and every reader — expressions, a bare objective, the check, the track', () => {
    const r = edit({ k: 'rename', from: 'a', to: 'act' });
    expect(r.text).toBe(
      hand(
        ['  a = relu', '  act = relu'],
        ['sum(relu(a)', 'sum(relu(act)'],
        ['L = sum(a)', 'L = sum(act)'],
        ['forward(a), frame: [a, edge(z, a)]', 'forward(act), frame: [act, edge(z, act)]'],
      ),
    );
    expect(r.focus).toBe('act');
    const l = edit({ k: 'rename', from: 'L', to: 'loss' });
    expect(l.text).toBe(hand(['L = sum', 'loss = sum'], ['objective L', 'objective L = loss']));
    expect(l.parse.spec?.objectives).toEqual([{ name: 'L', node: 'loss' }]);
    const w = edit({ k: 'rename', from: 'w', to: 'W' });
    expect(w.text).toBe(hand(['param  w =', 'param  W ='], ['w * x', 'W * x'], ['grad(w)', 'grad(W)']));
    // its intermediates follow: h.relu2 is W-independent, y reads hh.relu2
    const h = edit({ k: 'rename', from: 'h', to: 'hh' });
    expect(h.text).toBe(hand(['h = sum', 'hh = sum'], ['y = sum(h.relu2)', 'y = sum(hh.relu2)']));
    expect(engine(h)).toBeNull();
  });

  test('rename an intermediate: its expression gets a line of its own above, named', () => {
    const r = edit({ k: 'rename', from: 'h.add', to: 'inner' });
    expect(r.text).toBe(
      hand(
        ['h = sum(relu(a) * 2 + relu(z))', 'inner = relu(a) * 2 + relu(z)\nh = sum(inner)'],
        ['y = sum(h.relu2)', 'y = sum(inner.relu2)'],
      ),
    );
    expect(r.focus).toBe('inner');
    expect(engine(r)).toBeNull();
  });

  test('rename an intermediate: its own line keeps the group and layer of its parent line (folding still holds it)', () => {
    const text = `group blk "the block" kind block
input x = [1, 2]
h = sum(relu(x) * 2)   { group: blk, label: "the h", layer: 1 }  # the sum
objective h
`;
    const r = edit({ k: 'rename', from: 'h.scale', to: 'inner' }, text);
    expect(r.text).toBe(text.replace('h = sum(relu(x) * 2)', 'inner = relu(x) * 2 { group: blk, layer: 1 }\nh = sum(inner)'));
    expect(node(r, 'inner')).toMatchObject({ op: 'scale', group: 'blk', layer: 1 });
    expect(node(r, 'inner')?.label).toBeUndefined();
    expect(node(r, 'inner.relu')).toMatchObject({ group: 'blk', layer: 1 });
    expect(engine(r)).toBeNull();
    // a line inside a group block: the new line goes inside it, indented, and needs no annotation
    const block = 'group blk "the block" kind block\ninput x = [1, 2]\ngroup blk {\n  h = sum(relu(x))\n}\nobjective h\n';
    const b = edit({ k: 'rename', from: 'h.relu', to: 'r' }, block);
    expect(b.text).toBe(block.replace('  h = sum(relu(x))', '  r = relu(x)\n  h = sum(r)'));
    expect(node(b, 'r')?.group).toBe('blk');
  });

  test('rename: a taken id or an empty one is refused', () => {
    expect(editGf(HAND, { k: 'rename', from: 'a', to: 'z' })).toMatchObject({ ok: false, problem: { node: 'a', field: 'id' } });
    expect(editGf(HAND, { k: 'rename', from: 'a', to: 'h.relu' })).toMatchObject({ ok: false, problem: { node: 'a', field: 'id' } });
    expect(editGf(HAND, { k: 'rename', from: 'a', to: '' })).toMatchObject({ ok: false });
  });

  test('connect: one operand changes (a subexpression replaced goes with it); one more argument for a call', () => {
    expect(edit({ k: 'input', target: 'a', slot: 0, source: 'x' }).text).toBe(hand(['relu( z )', 'relu( x )']));
    const r = edit({ k: 'input', target: 'h.add', slot: 0, source: 'a' });
    expect(r.text).toBe(hand(['sum(relu(a) * 2 + relu(z))', 'sum(a + relu(z))'], ['y = sum(h.relu2)', 'y = sum(h.relu)']));
    const st = edit({ k: 'input', target: 's', slot: 1, source: 'x' }, 'input x = [1, 2]\ns = stack(x)\nL = sum(s)\nobjective L\n');
    expect(st.text).toBe('input x = [1, 2]\ns = stack(x, x)\nL = sum(s)\nobjective L\n');
    // a cycle is the engine's to refuse, naming node and field
    expect(engine(edit({ k: 'input', target: 'z', slot: 0, source: 'a' }))).toMatchObject({ field: 'inputs' });
  });

  test('an input removed: a call loses its argument; an infix op becomes a call short of it, located', () => {
    const r = edit({ k: 'dropInput', target: 'z', slot: 1 });
    expect(r.text).toBe(hand(['w * x ', 'mul(w) ']));
    // the text parses; the engine refuses it, and its problem is placed on the call
    const p = engine(r);
    expect(p).toMatchObject({ node: 'z', field: 'inputs', message: 'mul takes 2 inputs (a, b), got 1' });
    expect(locateProblem(p as Problem, r.parse)).toMatchObject({ line: 8, col: 11 });
    const text = 'input x = [1, 2]\ninput v = [3, 4]\ns = stack( x,  v )  # two\nL = sum(s)\nobjective L\n';
    expect(edit({ k: 'dropInput', target: 's', slot: 1 }, text).text).toBe(text.replace('stack( x,  v )', 'stack( x )'));
    expect(edit({ k: 'dropInput', target: 's', slot: 0 }, text).text).toBe(text.replace('stack( x,  v )', 'stack( v )'));
  });

  test('delete a line: its line goes (comment too), its readers read its first input', () => {
    const r = edit({ k: 'delete', id: 'a' });
    expect(r.text).toBe(
      hand(
        ['  a = relu( z )  # act\n', ''],
        ['sum(relu(a)', 'sum(relu(z)'],
        ['L = sum(a)', 'L = sum(z)'],
        ['forward(a), frame: [a, edge(z, a)]', 'forward(a), frame: [a, edge(z, a)]'],
      ),
    );
    // the track still names a: the language refuses that, at the stop
    expect(r.parse.problems[0]?.field).toBe('tracks[0].stops[0].at.node');
    const noTrack = HAND.replace(/track .*\n/, '');
    expect(engine(edit({ k: 'delete', id: 'a' }, noTrack))).toBeNull();
  });

  test('delete: a line whose first operand is an expression keeps its name for it; an intermediate gives way to its operand', () => {
    const r = edit({ k: 'delete', id: 'h' });
    expect(r.text).toBe(hand(['h = sum(relu(a) * 2 + relu(z))', 'h = relu(a) * 2 + relu(z)']));
    expect(node(r, 'h')?.op).toBe('add');
    const i = edit({ k: 'delete', id: 'h.scale' });
    expect(i.text).toBe(hand(['relu(a) * 2 + relu(z)', 'relu(a) + relu(z)']));
    const m = edit({ k: 'delete', id: 'h.relu' }, HAND.replace('relu(a) * 2', 'relu(a + x) * 2'));
    // relu(z) was h.relu2: it is h.relu now, and y reads it so
    expect(m.text).toBe(HAND.replace('relu(a) * 2', '(a + x) * 2').replace('sum(h.relu2)', 'sum(h.relu)'));
  });

  test('delete: the objective, a node a check reads, and a constant inside an expression are refused', () => {
    expect(editGf(HAND, { k: 'delete', id: 'L' })).toMatchObject({ ok: false, problem: { node: 'L', field: 'objective' } });
    expect(editGf(HAND, { k: 'delete', id: 'w' })).toMatchObject({ ok: false, problem: { node: 'w', field: 'checks' } });
    const c = 'x = 3\ny = x + 2\nobjective y\n';
    expect(editGf(c, { k: 'delete', id: 'y.c' })).toMatchObject({ ok: false, problem: { node: 'y.c', field: 'id' } });
    // a leaf with readers: its line goes, the language names the reader
    expect(edit({ k: 'delete', id: 'x' }, c).parse.problems[0]).toMatchObject({ node: 'y', field: 'inputs' });
  });

  test('palette: a new line after the last assignment, before objectives and checks', () => {
    const r = edit({ k: 'add', what: { op: 'sigmoid', arity: 1 }, from: 'z' });
    expect(r.text).toBe(hand(['# loss\n', '# loss\nsigmoid = sigmoid(z)\n']));
    expect(r.focus).toBe('sigmoid');
    const two = edit({ k: 'add', what: { op: 'sigmoid', arity: 1 }, from: 'a' }, r.text);
    expect(two.focus).toBe('sigmoid2');
    expect(edit({ k: 'add', what: { leaf: 'param' }, from: null }).text).toBe(hand(['# loss\n', '# loss\nparam w2 = 1\n']));
    expect(edit({ k: 'add', what: { op: 'add', arity: 2 }, from: 'x' }).text).toContain('\nadd = x + x\n');
  });

  test('residual: around a line, a new line below it and its readers read the sum; around an intermediate, in place', () => {
    const r = edit({ k: 'residual', id: 'a', skip: 'z' }, HAND.replace(/track .*\n/, ''));
    expect(r.text).toBe(
      HAND.replace(/track .*\n/, '')
        .replace('# act\n', '# act\n  a_res = a + z\n')
        .replace('sum(relu(a)', 'sum(relu(a_res)')
        .replace('L = sum(a)', 'L = sum(a_res)'),
    );
    expect(r.focus).toBe('a_res');
    expect(engine(r)).toBeNull();
    const i = edit({ k: 'residual', id: 'h.relu2', skip: 'z' });
    expect(i.text).toBe(hand(['+ relu(z))', '+ (relu(z) + z))']));
    expect(i.focus).toBe('h.add');
    expect(node(i, 'h.add')?.inputs).toEqual(['h.relu2', 'z']);
    // a residual from downstream is a cycle: the engine names it
    expect(engine(edit({ k: 'residual', id: 'a', skip: 'L' }))).toMatchObject({ field: 'inputs' });
  });

  test('an edit of a text that does not parse is refused, naming line and column', () => {
    expect(editGf('x = (', { k: 'delete', id: 'x' })).toMatchObject({ ok: false, problem: { field: '(syntax)' } });
  });
});
