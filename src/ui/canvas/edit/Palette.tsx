import { forwardRef, useMemo, useState } from 'react';
import type { NewNode } from '../../../lang/editOps';
import { useOps } from '../../editor/completionOps';
import { useExplorer, useExplorerStore } from '../../store/context';
import { applyEdit } from './applyEdit';

interface Entry {
  name: string;
  what: NewNode;
}

const LEAVES: Entry[] = [
  { name: 'input', what: { leaf: 'input' } },
  { name: 'param', what: { leaf: 'param' } },
  { name: 'constant', what: { leaf: 'constant' } },
];

/** How many matches the palette lists. */
const SHOWN = 8;

/**
 * The op palette: type to search the registry's ops (and leaf roles), click one or press Enter
 * for the first match. The new node reads the selected node in every input slot; drag a handle
 * (or use the node's input selects) to connect the others.
 */
export const Palette = forwardRef<HTMLInputElement>(function Palette(_, ref) {
  const store = useExplorerStore();
  const selected = useExplorer((s) => s.selected);
  const [query, setQuery] = useState('');
  const ops = useOps();
  // Every op of the registry (with its arity) and the three leaf roles.
  const entries = useMemo<Entry[]>(
    () => [...LEAVES, ...ops.map((o) => ({ name: o.name, what: { op: o.name, arity: o.inputs.length } }))],
    [ops],
  );
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return entries.filter((e) => e.name.toLowerCase().includes(q)).slice(0, SHOWN);
  }, [query, entries]);
  const add = (e: Entry) => {
    void applyEdit(store, { k: 'add', what: e.what, from: selected });
    setQuery('');
  };
  return (
    <search className="gf-edit__palette">
      <input
        ref={ref}
        type="search"
        value={query}
        placeholder="Add a node (N): search ops…"
        aria-label="add a node: search ops"
        aria-keyshortcuts="N"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          const first = matches[0];
          if (e.key === 'Enter' && first) add(first);
          if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
        }}
      />
      {query.trim() !== '' && (
        <ul aria-label="matching ops">
          {matches.map((m) => (
            <li key={m.name}>
              <button type="button" onClick={() => add(m)} title={selected ? `${m.name}(${selected})` : undefined}>
                {m.name}
              </button>
            </li>
          ))}
          {matches.length === 0 && <li className="gf-muted">no op matches</li>}
        </ul>
      )}
    </search>
  );
});
