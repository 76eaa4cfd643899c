import { describe, expect, test } from 'vitest';
import { compile } from '../../src/core/compile';
import { GraphError } from '../../src/core/errors';
import type { OptionValue } from '../../src/core/types';
import { resolveSwitches } from '../../src/core/variants';
import { applySplices, type GfEdit } from '../../src/lang/edit';
import { editGf, type GfEditOp } from '../../src/lang/editOps';

/** Hand-formatted switches: aligned cases, comments inside the braces, an else case, a one-line switch. */
const SW = `graph "switch"
option act = relu | tanh | sigmoid default relu   # the activation
input x = [1, -2]
param w = [0.5, 3]
z = w * x
a = switch act {
  relu    => relu(z),     # rectifier
  tanh    => tanh( z ),
  else    => sigmoid(z)
}
b = switch act { relu => a * z, else => add(a, z) }
y = b * 2
L = sum(y)
objective L
`;

type Done = Extract<GfEdit, { ok: true }>;
const edit = (op: GfEditOp, options: Record<string, OptionValue> = {}, text = SW): Done => {
  const r = editGf(text, op, options);
  if (!r.ok) throw new Error(`refused: ${r.problem.message}`);
  expect(applySplices(text, r.changes)).toBe(r.text);
  return r;
};
/** `SW` with each [from, to] replaced, in order: every other byte is the user's. */
const sw = (...swaps: [string, string][]) => swaps.reduce((t, [a, b]) => (t.includes(a) ? t.replace(a, b) : `missing ${a}`), SW);
/** The node the engine runs at these options (switches resolved), after compiling the edited text there. */
const ran = (r: Done, options: Record<string, OptionValue>, id: string) => {
  const spec = r.parse.spec;
  if (!spec) throw new Error(`does not parse: ${r.parse.problems[0]?.message}`);
  const at = resolveSwitches(spec, { act: 'relu', ...options });
  compile(at);
  return at.nodes.find((n) => n.id === id);
};
const refusal = (op: GfEditOp, options: Record<string, OptionValue> = {}, text = SW) => {
  const r = editGf(text, op, options);
  if (r.ok) throw new Error(`written: ${r.text}`);
  return r.problem;
};

describe('a node that switches on an option is edited in the case the canvas shows', () => {
  test('op: the shown case changes its call name; the other cases and the name stay', () => {
    const relu = edit({ k: 'op', id: 'a', op: 'exp' });
    expect(relu.text).toBe(sw(['relu    => relu(z),', 'relu    => exp(z),']));
    expect(relu.focus).toBe('a');
    expect(ran(relu, {}, 'a')).toMatchObject({ op: 'exp', inputs: ['z'] });
    expect(ran(relu, { act: 'tanh' }, 'a')).toMatchObject({ op: 'tanh' });
    const tanh = edit({ k: 'op', id: 'a', op: 'exp' }, { act: 'tanh' });
    expect(tanh.text).toBe(sw(['tanh( z ),', 'exp( z ),']));
    expect(ran(tanh, { act: 'tanh' }, 'a')).toMatchObject({ op: 'exp' });
    expect(ran(tanh, {}, 'a')).toMatchObject({ op: 'relu' });
    // sigmoid has no case of its own: the else case is the one shown
    const other = edit({ k: 'op', id: 'a', op: 'exp' }, { act: 'sigmoid' });
    expect(other.text).toBe(sw(['else    => sigmoid(z)', 'else    => exp(z)']));
    expect(ran(other, { act: 'sigmoid' }, 'a')).toMatchObject({ op: 'exp' });
  });

  test('op of an infix case keeps its operator place; a switch named like its op keeps its name', () => {
    const r = edit({ k: 'op', id: 'b', op: 'div' });
    expect(r.text).toBe(sw(['relu => a * z', 'relu => a / z']));
    expect(ran(r, {}, 'b')).toMatchObject({ op: 'div', inputs: ['a', 'z'] });
    const named = SW.replace('a = switch act', 'relu = switch act').replaceAll('(a, z)', '(relu, z)').replace('a * z', 'relu * z');
    const n = edit({ k: 'op', id: 'relu', op: 'exp' }, {}, named);
    expect(n.text).toBe(named.replace('relu    => relu(z)', 'relu    => exp(z)'));
    expect(n.focus).toBe('relu');
  });

  test('connect and remove an input: in the shown case only', () => {
    const c = edit({ k: 'input', target: 'b', slot: 0, source: 'x' });
    expect(c.text).toBe(sw(['relu => a * z', 'relu => x * z']));
    expect(ran(c, {}, 'b')?.inputs).toEqual(['x', 'z']);
    expect(ran(c, { act: 'tanh' }, 'b')?.inputs).toEqual(['a', 'z']);
    const d = edit({ k: 'dropInput', target: 'b', slot: 1 }, { act: 'tanh' });
    expect(d.text).toBe(sw(['else => add(a, z)', 'else => add(a)']));
    const m = edit({ k: 'dropInput', target: 'b', slot: 1 });
    expect(m.text).toBe(sw(['relu => a * z', 'relu => mul(a)']));
    // short of an input: the engine refuses it at these options, naming node and field
    let problem: unknown;
    try {
      ran(m, {}, 'b');
    } catch (e) {
      problem = e instanceof GraphError ? e.problems[0] : e;
    }
    expect(problem).toMatchObject({ node: 'b', field: 'inputs', message: 'mul takes 2 inputs (a, b), got 1' });
  });

  test('rename: the name and its readers; every case stays', () => {
    const r = edit({ k: 'rename', from: 'a', to: 'act1' });
    expect(r.text).toBe(
      sw(['a = switch act {', 'act1 = switch act {'], ['relu => a * z, else => add(a, z)', 'relu => act1 * z, else => add(act1, z)']),
    );
    expect(r.focus).toBe('act1');
    expect(ran(r, { act: 'tanh' }, 'b')?.inputs).toEqual(['act1', 'z']);
  });

  test('residual around a switch: a line below its closing brace, its readers read the sum', () => {
    const r = edit({ k: 'residual', id: 'a', skip: 'z' });
    expect(r.text).toBe(
      sw(
        ['  else    => sigmoid(z)\n}\n', '  else    => sigmoid(z)\n}\na_res = a + z\n'],
        ['a * z, else => add(a, z)', 'a_res * z, else => add(a_res, z)'],
      ),
    );
    expect(ran(r, {}, 'b')?.inputs).toEqual(['a_res', 'z']);
  });

  test('delete: the whole switch goes when every case reads the same first input, which its readers then read', () => {
    const r = edit({ k: 'delete', id: 'a' });
    expect(r.text).toBe(
      sw(
        ['a = switch act {\n  relu    => relu(z),     # rectifier\n  tanh    => tanh( z ),\n  else    => sigmoid(z)\n}\n', ''],
        ['relu => a * z, else => add(a, z)', 'relu => z * z, else => add(z, z)'],
      ),
    );
    expect(ran(r, { act: 'tanh' }, 'b')?.inputs).toEqual(['z', 'z']);
    expect(edit({ k: 'delete', id: 'b' }).text).toBe(
      sw(['b = switch act { relu => a * z, else => add(a, z) }\n', ''], ['y = b * 2', 'y = a * 2']),
    );
  });

  test('refused, naming node and field: a delete whose cases read different inputs, a slot no case has, a leaf switch', () => {
    const text = SW.replace('else => add(a, z)', 'else => add(z, a)');
    expect(refusal({ k: 'delete', id: 'b' }, {}, text)).toEqual({
      node: 'b',
      field: 'by.cases',
      message:
        'the cases of "b" read a (case relu), z (case else): its readers would read a different node by option; edit its cases in the text',
    });
    expect(refusal({ k: 'dropInput', target: 'b', slot: 4 })).toMatchObject({ node: 'b', field: 'by.cases.relu.inputs[4]' });
    expect(refusal({ k: 'input', target: 'b', slot: 1, source: 'nope' }, { act: 'tanh' })).toMatchObject({ node: 'b', field: 'inputs' });
    const leaf = SW.replace('param w = [0.5, 3]', 'param w = switch act { relu => [0.5, 3], else => [1, 1] }');
    expect(refusal({ k: 'op', id: 'w', op: 'exp' }, {}, leaf)).toMatchObject({ node: 'w', field: 'op' });
  });
});
