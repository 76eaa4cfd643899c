import type { Table } from '../../engine/exercise';
import { formatCell } from './format';
import { Panel } from './Panel';

export interface TableViewProps {
  table: Table;
}

/** A lesson table (memory of P per sequence length, parameter counts, …); numbers right-aligned. */
export function TableView({ table }: TableViewProps) {
  const numeric = table.columns.map((_, j) => table.rows.length > 0 && table.rows.every((r) => typeof r[j] === 'number'));
  const cls = (j: number) => (numeric[j] ? 'gf-num' : undefined);
  return (
    <Panel kind="table" title={table.title}>
      <div style={{ overflowX: 'auto' }}>
        <table className="gf-table" aria-label={table.title}>
          <thead>
            <tr>
              {table.columns.map((c, j) =>
                // An empty corner above row labels is no header: a <th> needs text (axe empty-table-header).
                c === '' ? (
                  <td key={c} />
                ) : (
                  <th key={c} scope="col" className={cls(j)}>
                    {c}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
              <tr key={i}>
                {row.map((cell, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <td key={j} className={cls(j)}>
                    {typeof cell === 'number' ? formatCell(cell) : cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
