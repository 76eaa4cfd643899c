import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { TableView } from '../../src/ui/panels/TableView';
import { type ExplorerArgs, explorerArgTypes, withExplorerStore } from '../support/explorer';
import { FromRun } from '../support/FromRun';

interface TableStoryProps extends ExplorerArgs {
  /** Which of the run's `blocks.tables`. */
  index: number;
}

/** A lesson table from the exercise's own run; numbers right-aligned. */
function TableStory({ index }: TableStoryProps) {
  return <FromRun>{(run) => (run.blocks.tables?.[index] ? <TableView table={run.blocks.tables[index]} /> : null)}</FromRun>;
}

const meta = {
  title: 'Panels/Table',
  component: TableStory,
  decorators: [withExplorerStore],
  argTypes: { ...explorerArgTypes, index: { control: { type: 'number', min: 0 } } },
  args: { index: 0 },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof TableStory>;
export default meta;
type Story = StoryObj<typeof meta>;

const num = (s: string | null | undefined) => Number((s ?? '').replace(/[^\d.eE-]/g, ''));

/** Ex 6 (d): storing P costs T² entries — 2 bytes each in float16, 4 in float32. */
export const MemoryOfP: Story = {
  args: { graphId: 'ex06-attention-backward' },
  play: async ({ canvasElement }) => {
    const table = await within(canvasElement).findByRole('table', { name: /Memory to store P/ }, { timeout: 20_000 });
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows.length).toBe(5);
    for (const [t, entries, f16, f32] of rows) {
      const T = num(t);
      expect(num(entries)).toBe(T * T);
      expect(num(f32)).toBeCloseTo(2 * num(f16), 6);
    }
  },
};

/** A table whose first column labels rows: its empty corner is a plain cell, not an empty header. */
export const RowLabels: Story = {
  args: { graphId: 'ex07-lora-gradients' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('table.gf-table')).not.toBeNull(), { timeout: 20_000 });
    const head = canvasElement.querySelector('table.gf-table thead tr') as HTMLTableRowElement;
    expect(head.cells[0]?.tagName).toBe('TD');
    expect([...head.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['entries', 'shape']);
  },
};
