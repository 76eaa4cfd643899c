import '@xyflow/react/dist/style.css';
import { EditorSelection } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { beforeEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { edgeId } from '../../../src/engine/trace';
import { createInlineClient } from '../../../src/ui/compute/client';
import { Explorer } from '../../../src/ui/Explorer';
import { bridgeOf } from '../../../src/ui/editor/bridge';
import { DRAFT_KEY } from '../../../src/ui/editor/draft';
import { createExplorerStore } from '../../../src/ui/store';
import { editing, grad, ids, text } from './editing';

/** Hand-formatted: aligned columns, comments on and between lines, blank lines, not the printer's order. */
const HAND = `# my homework
graph "hw"

input   x = [2, 1]      # data
param   w = [0.5, -1.5] # weights

z  =  w * x             # product

a  =  relu( z )         # activation
L  =  sum( a )          # loss
objective L
`;

const view = () => EditorView.findFromDOM(document.querySelector('[data-testid=editor-pane] .cm-editor') as HTMLElement) as EditorView;
const edgeEl = (src: string, dst: string, slot: number) =>
  document.querySelector<SVGGElement>(`.react-flow__edge[data-id="${CSS.escape(edgeId(src, dst, slot))}"]`);

/** Puts the editor's cursor just before `marker` (its first occurrence). */
const cursorBefore = (marker: string) => {
  const v = view();
  v.dispatch({ selection: EditorSelection.cursor(v.state.doc.toString().indexOf(marker)) });
};
/** The text right after the cursor: the cursor stayed where the user left it when this is unchanged. */
const afterCursor = (n = 9) => {
  const v = view();
  const at = v.state.selection.main.head;
  return v.state.doc.sliceString(at, at + n);
};

/** A point on an edge's drawn line, in page coordinates (a real click lands on the line). */
function onEdge(el: SVGGElement): { x: number; y: number } {
  const path = el.querySelector<SVGPathElement>('.gf-edge__line') as SVGPathElement;
  const p = path.getPointAtLength(path.getTotalLength() / 2);
  const m = path.getScreenCTM() as DOMMatrix;
  const box = el.getBoundingClientRect();
  return { x: p.x * m.a + p.y * m.c + m.e - box.left, y: p.x * m.b + p.y * m.d + m.f - box.top };
}

describe('canvas edits keep the learner’s text (real engine, Chromium)', () => {
  beforeEach(() => localStorage.removeItem(DRAFT_KEY));

  test('every kind of canvas edit changes only its lines; the cursor stays; undo gives back the exact text', async () => {
    const { store, screen } = await editing(HAND);
    const history: string[] = [HAND];
    const expectText = async (want: string) => {
      await expect.poll(() => text(store), { timeout: 15_000 }).toBe(want);
      history.push(want);
    };
    cursorBefore('# weights');

    // op: the call's name only
    store.getState().select('a');
    await screen.getByRole('combobox', { name: 'node op' }).selectOptions('tanh');
    await expectText(HAND.replace('relu( z )', 'tanh( z )'));
    expect(afterCursor()).toBe('# weights');

    // rename: the name and its readers
    await screen.getByRole('textbox', { name: 'node id' }).fill('act');
    await screen.getByRole('button', { name: 'Rename' }).click();
    await expectText((history.at(-1) as string).replace('a  =  tanh', 'act  =  tanh').replace('sum( a )', 'sum( act )'));
    expect(afterCursor()).toBe('# weights');

    // palette: one new line after the last assignment
    store.getState().select('z');
    await screen.getByRole('searchbox', { name: 'add a node: search ops' }).fill('sigm');
    await userEvent.keyboard('{Enter}');
    await expectText((history.at(-1) as string).replace('# loss\n', '# loss\nsigmoid = sigmoid(z)\n'));

    // connect: one operand
    store.getState().select('L');
    await screen.getByRole('combobox', { name: 'input x' }).selectOptions('sigmoid');
    await expectText((history.at(-1) as string).replace('sum( act )', 'sum( sigmoid )'));

    // residual: a line below, its reader re-pointed
    store.getState().select('sigmoid');
    await screen.getByRole('combobox', { name: 'residual from' }).selectOptions('z');
    await screen.getByRole('button', { name: 'Add residual' }).click();
    await expectText(
      (history.at(-1) as string)
        .replace('sigmoid = sigmoid(z)\n', 'sigmoid = sigmoid(z)\nsigmoid_res = sigmoid + z\n')
        .replace('sum( sigmoid )', 'sum( sigmoid_res )'),
    );

    // delete: act reads z and feeds nothing — its line goes, comment and all
    store.getState().select('act');
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('{Delete}');
    await expectText((history.at(-1) as string).replace('act  =  tanh( z )         # activation\n', ''));
    expect(ids(store)).not.toContain('act');
    expect(afterCursor()).toBe('# weights');

    // undo walks back through every state, byte for byte, to the typed text
    for (let i = history.length - 2; i >= 0; i--) {
      await screen.getByRole('button', { name: 'undo (Ctrl+Z)' }).click();
      await expect.poll(() => text(store)).toBe(history[i]);
    }
    await expect.poll(() => grad(store, 'w')[1], { timeout: 15_000 }).toBe(0);
    expect(grad(store, 'w')).toEqual([2, 0]);
  });

  test('changing an intermediate’s op renames its generated id, and the line that reads it by that id', async () => {
    const t = HAND.replace('L  =  sum( a )', 'L  =  sum(relu(a)) + sum(relu(z))').replace('objective L', 'm = L.relu2 * 2\nobjective L');
    const { store, screen } = await editing(t);
    store.getState().select('L.relu');
    await screen.getByRole('combobox', { name: 'node op' }).selectOptions('sigmoid');
    await expect.poll(() => text(store)).toBe(t.replace('sum(relu(a))', 'sum(sigmoid(a))').replace('m = L.relu2', 'm = L.relu'));
    expect(store.getState().selected).toBe('L.sigmoid');
    expect(ids(store)).toEqual(expect.arrayContaining(['L.sigmoid', 'L.relu']));
    expect(ids(store)).not.toContain('L.relu2');
  });

  test('an edge: click selects it, Delete removes that input (the located problem shows, the last good graph stays); Tab reaches edges', async () => {
    const { store } = await editing(HAND);
    await expect.poll(() => edgeEl('x', 'z', 1)?.getAttribute('tabindex'), { timeout: 15_000 }).toBe('0');
    const e = edgeEl('x', 'z', 1);
    const at = onEdge(e as SVGGElement);
    // what a click at that point hits is the edge (its line or its wide hit stroke)
    const box = (e as SVGGElement).getBoundingClientRect();
    expect((e as SVGGElement).contains(document.elementFromPoint(box.left + at.x, box.top + at.y))).toBe(true);
    // a click there, on what is there (the e2e suite clicks with the real mouse)
    const [cx, cy] = [box.left + at.x, box.top + at.y];
    document.elementFromPoint(cx, cy)?.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: cx, clientY: cy }));
    await expect.poll(() => edgeEl('x', 'z', 1)?.classList.contains('selected')).toBe(true);
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('{Delete}');
    await expect.poll(() => text(store)).toBe(HAND.replace('w * x ', 'mul(w) '));
    await expect
      .poll(() => document.querySelector('[data-testid=editor-problems] li')?.textContent ?? '')
      .toBe('7:7 node "z", field inputs: mul takes 2 inputs (a, b), got 1');
    expect(store.getState().run?.graph.nodes.find((n) => n.id === 'z')?.inputs).toEqual(['w', 'x']);
    expect(edgeEl('x', 'z', 1)?.classList.contains('selected')).toBe(false);
    bridgeOf(store)?.undo();
    await expect.poll(() => text(store)).toBe(HAND);

    // keyboard: focus an edge (as Tab does) — it is selected; Backspace removes it
    (edgeEl('a', 'L', 0) as SVGGElement).focus();
    await expect.poll(() => edgeEl('a', 'L', 0)?.classList.contains('selected')).toBe(true);
    await userEvent.keyboard('{Backspace}');
    await expect.poll(() => text(store)).toBe(HAND.replace('sum( a )', 'sum(  )'));
  });

  test('outside editing the edges are not focusable and carry no edit handlers', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex01-scalar-chain-rule' });
    await store.getState().init();
    await render(<Explorer store={store} />);
    await expect.poll(() => document.querySelectorAll('.react-flow__edge').length, { timeout: 15_000 }).toBeGreaterThan(0);
    for (const el of document.querySelectorAll('.react-flow__edge')) {
      expect(el.hasAttribute('tabindex')).toBe(false);
      expect(el.classList.contains('inactive')).toBe(true);
    }
  });
});
