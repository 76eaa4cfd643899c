import { describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { TableView } from '../../../src/ui/panels/TableView';

describe('TableView', () => {
  test('renders title, columns and rows; whole numbers in full, numeric columns right-aligned', async () => {
    const table = {
      title: 'Memory of P',
      columns: ['T', 'float16 MB', 'note'],
      rows: [
        [512, 0.5, 'fits'],
        [32768, 2048, 'does not fit <b>'],
      ],
    };
    const screen = await render(<TableView table={table} />);
    const el = screen.getByRole('table', { name: 'Memory of P' });
    await expect.element(el).toBeVisible();
    const cells = [...el.element().querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(cells).toEqual([
      ['512', '0.5', 'fits'],
      ['32,768', '2,048', 'does not fit <b>'],
    ]);
    expect([...el.element().querySelectorAll('th')].map((th) => th.textContent)).toEqual(['T', 'float16 MB', 'note']);
    expect([...el.element().querySelectorAll('th')].map((th) => th.className)).toEqual(['gf-num', 'gf-num', '']);
    // Graph text is data: markup in a cell stays text.
    expect(el.element().querySelector('b')).toBeNull();
  });
});
