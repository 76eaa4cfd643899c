import { useState } from 'react';
import { f32Text, fmt } from '../../../core/format';
import { useExplorer } from '../../store/context';

/** A scalar leaf edited in place: click, type, Enter (Escape cancels). Marked `nodrag`. */
export function ScalarField({ id, value, label }: { id: string; value: number; label: string }) {
  const draft = useExplorer((s) => s.drafts[id]);
  const setInput = useExplorer((s) => s.setInput);
  const [editing, setEditing] = useState<string | null>(null);
  const invalid = draft !== undefined;
  if (editing === null) {
    return (
      <button
        type="button"
        className={`gf-num gf-num--editable nodrag${invalid ? ' is-invalid' : ''}`}
        title={invalid ? `not applied: ${draft}` : `${label} = ${fmt(value, 8)} — click to edit`}
        onClick={(e) => {
          e.stopPropagation();
          setEditing(draft ?? f32Text(value));
        }}
      >
        {invalid ? draft : fmt(value)}
      </button>
    );
  }
  const commit = () => {
    const text = editing;
    setEditing(null);
    if (text !== f32Text(value) || invalid) void setInput(id, text);
  };
  return (
    <input
      className="gf-num-input nodrag nopan"
      aria-label={`value of ${label}`}
      // biome-ignore lint/a11y/noAutofocus: the learner just clicked the number to edit it
      autoFocus
      value={editing}
      onChange={(e) => setEditing(e.target.value)}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setEditing(null);
        e.stopPropagation();
      }}
      onBlur={commit}
    />
  );
}
