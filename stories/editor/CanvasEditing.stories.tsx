import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { MICRO, SWITCHED } from '../../tests/lang/micro';
import { edgeEl, nodeEl } from '../support/play';
import { dragHandle, EditorStory, editorText, gradOf, noDraft, nodeOf, textGraphReady, withTextGraph } from './editorStory';

/**
 * Editing the graph on the canvas: every edit is written into the learner's .gf text (only the
 * expression it concerns changes), and the text is what runs. micrograd's sanity expression
 * has dy/dx = 46.
 */
const meta = {
  title: 'Editor/Canvas editing',
  component: EditorStory,
  decorators: [withTextGraph],
  beforeEach: noDraft,
  argTypes: { text: { control: 'text' } },
  args: { text: MICRO },
} satisfies Meta<typeof EditorStory>;
export default meta;
type Story = StoryObj<typeof meta>;

const gradX = () => gradOf('x')[0];
const edit = (root: HTMLElement) => within(root.querySelector('[data-testid=canvas-edit]') as HTMLElement);

/** relu → tanh at h in the node editor: h = tanh(z²) saturates at z = −10, so dy/dx = 46 + 60 = 106; undo gives 46 back. */
export const OpChange: Story = {
  play: async ({ canvasElement }) => {
    await textGraphReady(canvasElement, 'h');
    expect(gradX()).toBe(46);
    await userEvent.click(nodeEl(canvasElement, 'h') as HTMLElement);
    await userEvent.selectOptions(await edit(canvasElement).findByRole('combobox', { name: 'node op' }), 'tanh');
    await waitFor(() => expect(editorText()).toBe(MICRO.replace('h = relu(z * z)', 'h = tanh(z * z)')));
    await waitFor(() => expect(gradX()).toBe(106), { timeout: 15_000 });
    await userEvent.click(edit(canvasElement).getByRole('button', { name: 'undo (Ctrl+Z)' }));
    await waitFor(() => expect(editorText()).toBe(MICRO));
    await waitFor(() => expect(gradX()).toBe(46), { timeout: 15_000 });
  },
};

/**
 * The palette adds `neg = -x` (select x, search "neg", Enter), and its output handle dragged onto
 * y.mul's second input makes y = h + q + q·neg. At x = −4 (z = −10, q = 40, dq/dx = −22,
 * dh/dx = −60): d(q·neg)/dx = neg·dq/dx − q = 4·(−22) − 40 = −128, so dy/dx = −60 − 22 − 128 = −210.
 */
export const PaletteAndConnect: Story = {
  play: async ({ canvasElement }) => {
    await textGraphReady(canvasElement, 'x');
    await userEvent.click(nodeEl(canvasElement, 'x') as HTMLElement);
    const search = edit(canvasElement).getByLabelText('add a node: search ops');
    await userEvent.type(search, 'neg{Enter}');
    await waitFor(() => expect(editorText()).toContain('\nneg = -x\n'), { timeout: 15_000 });
    await textGraphReady(canvasElement, 'neg');
    const from = canvasElement.querySelector('[data-testid="node-neg"] .react-flow__handle.source') as Element;
    const to = canvasElement.querySelector('[data-testid="node-y.mul"] [data-handleid="in1"]') as Element;
    dragHandle(from, to);
    await waitFor(() => expect(nodeOf('y.mul')?.inputs).toEqual(['q', 'neg']), { timeout: 15_000 });
    expect(editorText()).toContain('y = h + q + q * neg');
    expect(gradX()).toBe(-210);
  },
};

/** An edge clicked is selected and named; Delete removes that input. y.mul = q·x short of x is written, located on its line, and the last good graph stays; undo restores the text. */
export const EdgeSelectAndDelete: Story = {
  play: async ({ canvasElement }) => {
    await textGraphReady(canvasElement, 'y.mul');
    const edge = edgeEl(canvasElement, 'x->y.mul#1')?.closest('.react-flow__edge') as HTMLElement;
    await userEvent.click(edge);
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-testid=selected-edge]')?.textContent).toContain('Edge x → y.mul (input 2) selected'),
    );
    await userEvent.keyboard('{Delete}');
    await waitFor(() => expect(editorText()).toBe(MICRO.replace('q * x', 'mul(q)')));
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-testid=editor-problems] li')?.textContent).toBe(
        '6:13 node "y.mul", field inputs: mul takes 2 inputs (a, b), got 1',
      ),
    );
    expect(nodeOf('y.mul')?.inputs).toEqual(['q', 'x']);
    expect(gradX()).toBe(46);
    await userEvent.click(edit(canvasElement).getByRole('button', { name: 'undo (Ctrl+Z)' }));
    await waitFor(() => expect(editorText()).toBe(MICRO));
    await waitFor(() => expect(canvasElement.querySelector('[data-testid=editor-problems] li')).toBeNull());
  },
};

const sig = (v: number) => 1 / (1 + Math.exp(-v));
/** dL/dw = x ⊙ act′(z). */
const dw = (dact: (v: number) => number) => [2 * dact(1), 1 * dact(-1.5)];
const closeTo = (got: number[], want: number[]) => {
  expect(got).toHaveLength(want.length);
  for (const [i, g] of got.entries()) expect(g).toBeCloseTo(want[i] as number, 6);
};

/** A node that switches on an option: the node editor edits the case the shown option value picks; the other cases stay as written. */
export const OptionSwitchNode: Story = {
  args: { text: SWITCHED },
  play: async ({ canvasElement }) => {
    await textGraphReady(canvasElement, 'a');
    closeTo(gradOf('w'), [2, 0]);
    await userEvent.click(nodeEl(canvasElement, 'a') as HTMLElement);
    const note = () => canvasElement.querySelector('[data-testid=switch-case]')?.textContent;
    await waitFor(() =>
      expect(note()).toBe('Switches on option act: op and inputs here edit its case for act = relu; the other cases stay.'),
    );
    await userEvent.selectOptions(edit(canvasElement).getByRole('combobox', { name: 'node op' }), 'sigmoid');
    const one = SWITCHED.replace('relu => relu(z)', 'relu => sigmoid(z)');
    await waitFor(() => expect(editorText()).toBe(one));
    await waitFor(() => expect(nodeOf('a')?.op).toBe('sigmoid'), { timeout: 15_000 });
    closeTo(
      gradOf('w'),
      dw((v) => sig(v) * (1 - sig(v))),
    );
    // the toolbar's option: the canvas shows the tanh case, and the node editor edits that one
    await userEvent.selectOptions(within(canvasElement).getByRole('combobox', { name: 'act' }), 'tanh');
    await waitFor(() => expect(nodeOf('a')?.op).toBe('tanh'), { timeout: 15_000 });
    await waitFor(() => expect(note()).toContain('its case for act = tanh'));
    await userEvent.selectOptions(edit(canvasElement).getByRole('combobox', { name: 'node op' }), 'exp');
    await waitFor(() => expect(editorText()).toBe(one.replace('tanh => tanh(z)', 'tanh => exp(z)')));
    await waitFor(() => expect(nodeOf('a')?.op).toBe('exp'), { timeout: 15_000 });
    closeTo(gradOf('w'), dw(Math.exp));
  },
};
