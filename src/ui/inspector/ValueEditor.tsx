import { useState } from 'react';
import { f32Json, f32Text } from '../../core/format';
import { MAX_EDITOR_CELLS } from '../../core/limits';
import type { NestedNumber } from '../../core/types';
import type { NodeModel } from '../compute/protocol';
import { useExplorer, useExplorerStore } from '../store/context';

/** Rows of numbers for rank ≤ 2 (a scalar is one cell, a vector one column). */
function asRows(v: NestedNumber): number[][] | null {
  if (typeof v === 'number') return [[v]];
  if (v.every((x) => typeof x === 'number')) return (v as number[]).map((x) => [x]);
  if (v.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'number'))) return v as number[][];
  return null;
}

/** JSON text of `v` with entry (r, c) replaced by raw text (invalid text stays invalid, on purpose). */
function withCell(v: NestedNumber, r: number, c: number, text: string): string {
  // regex: what the learner typed: the minus sign
  const t = text.trim() === '' ? 'null' : text.trim().replace(/−/g, '-');
  if (typeof v === 'number') return t;
  const rows = asRows(v) as number[][];
  const isVector = v.every((x) => typeof x === 'number');
  const cells = rows.map((row, i) => row.map((x, j) => (i === r && j === c ? t : JSON.stringify(x))));
  return isVector ? `[${cells.map((row) => row[0]).join(', ')}]` : `[${cells.map((row) => `[${row.join(', ')}]`).join(', ')}]`;
}

/**
 * Edits a leaf's value: a grid of number fields for small matrices, and a JSON field for any
 * shape (a new shape is allowed; the engine names what breaks). What was typed is kept on error.
 */
export function ValueEditor({ model, value }: { model: NodeModel; value: NestedNumber }) {
  const store = useExplorerStore();
  const draft = useExplorer((s) => s.drafts[model.id]);
  const edited = useExplorer((s) => model.id in s.inputs);
  const [text, setText] = useState(draft ?? f32Json(value));
  const rows = asRows(value);
  const small = rows && rows.length * (rows[0]?.length ?? 0) <= MAX_EDITOR_CELLS;
  const apply = (t: string) => void store.getState().setInput(model.id, t);
  return (
    <div className="gf-editor" data-testid="value-editor">
      {small && rows && (
        <table className="gf-matrix" aria-label={`entries of ${model.label}`}>
          <tbody>
            {rows.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: matrix rows are positional
              <tr key={r}>
                {row.map((x, c) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: matrix cells are positional
                  <td key={c}>
                    <input
                      className="gf-matrix__cell"
                      aria-label={`${model.label}[${r}${rows[0]?.length === 1 ? '' : `, ${c}`}]`}
                      defaultValue={f32Text(x)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                      }}
                      onBlur={(e) => {
                        if (e.target.value !== f32Text(x)) apply(withCell(value, r, c, e.target.value));
                      }}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <label className="gf-editor__json">
        <span>JSON (any shape)</span>
        <textarea
          value={text}
          rows={Math.min(6, 1 + Math.ceil(text.length / 38))}
          spellCheck={false}
          aria-label={`JSON value of ${model.label}`}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) apply(text);
          }}
        />
      </label>
      <div className="gf-editor__actions">
        <button type="button" onClick={() => apply(text)}>
          Apply
        </button>
        {edited && (
          <button type="button" onClick={() => void store.getState().resetInputs()}>
            Reset all values
          </button>
        )}
      </div>
    </div>
  );
}
