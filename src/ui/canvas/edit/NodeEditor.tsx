import { useEffect, useState } from 'react';
import type { GraphSpec } from '../../../core/types';
import type { OpSignature } from '../../../lang';
import type { GfEditOp } from '../../../lang/editOps';
import type { NodeModel } from '../../compute/protocol';
import { useOps } from '../../editor/completionOps';
import { useExplorer, useExplorerStore } from '../../store/context';
import { applyEdit } from './applyEdit';

/** Ops with this many input slots (a select offers only ops the node's inputs can feed). */
const opsOfArity = (ops: readonly OpSignature[], n: number): string[] =>
  ops
    .filter((o) => o.inputs.length === n)
    .map((o) => o.name)
    .sort();

const NodeOptions = ({ nodes }: { nodes: readonly NodeModel[] }) =>
  nodes.map((n) => (
    <option key={n.id} value={n.id}>
      {n.id}
    </option>
  ));

/** The option a node of the loaded text switches on (the run's own spec has its switches resolved). */
function useSwitchedBy(id: string): { option: string; value: string } | null {
  const option = useExplorer((s) =>
    s.source?.kind === 'spec' ? (s.source.spec as GraphSpec | undefined)?.nodes?.find((n) => n.id === id)?.by?.option : undefined,
  );
  const value = useExplorer((s) => (option === undefined ? undefined : s.run?.options[option]));
  return option === undefined ? null : { option, value: String(value) };
}

/** The selected node's structure, editable: id, op, each input, a residual around it, delete. */
export function NodeEditor({ node, all }: { node: NodeModel; all: readonly NodeModel[] }) {
  const store = useExplorerStore();
  const ops = useOps();
  const [id, setId] = useState(node.id);
  const [skip, setSkip] = useState('');
  useEffect(() => setId(node.id), [node.id]);
  const edit = (op: GfEditOp) => void applyEdit(store, op);
  const others = all.filter((n) => n.id !== node.id);
  const leaf = node.op === 'leaf';
  const by = useSwitchedBy(node.id);
  return (
    <details className="gf-edit__node" open>
      <summary>Edit node {node.id}</summary>
      <fieldset aria-label={`edit node ${node.id}`}>
        {by && (
          <p className="gf-edit__case" data-testid="switch-case">
            {leaf
              ? `Switches its value on option ${by.option}: edit its cases in the text.`
              : `Switches on option ${by.option}: op and inputs here edit its case for ${by.option} = ${by.value}; the other cases stay.`}
          </p>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            edit({ k: 'rename', from: node.id, to: id.trim() });
          }}
        >
          <label>
            id <input value={id} onChange={(e) => setId(e.target.value)} aria-label="node id" spellCheck={false} />
          </label>
          <button type="submit" disabled={id.trim() === node.id || id.trim() === ''}>
            Rename
          </button>
        </form>
        {!leaf && (
          <label>
            op{' '}
            <select aria-label="node op" value={node.op} onChange={(e) => edit({ k: 'op', id: node.id, op: e.target.value })}>
              {opsOfArity(ops, node.inputs.length).map((op) => (
                <option key={op} value={op}>
                  {op}
                </option>
              ))}
            </select>
          </label>
        )}
        {node.inputs.map((src, slot) => {
          const slotName = node.slotNames[slot] ?? String(slot + 1);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: input slots are positional
            <span key={slot} className="gf-edit__input">
              <label>
                {slotName} ←{' '}
                <select
                  aria-label={`input ${slotName}`}
                  value={src}
                  onChange={(e) => edit({ k: 'input', target: node.id, slot, source: e.target.value })}
                >
                  <NodeOptions nodes={others} />
                </select>
              </label>
              <button
                type="button"
                aria-label={`remove the edge ${src} → ${node.id} (input ${slotName})`}
                title="remove this input edge"
                onClick={() => edit({ k: 'dropInput', target: node.id, slot })}
              >
                ×
              </button>
            </span>
          );
        })}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (skip) edit({ k: 'residual', id: node.id, skip });
          }}
        >
          <label>
            residual: {node.id} +{' '}
            <select aria-label="residual from" value={skip} onChange={(e) => setSkip(e.target.value)}>
              <option value="">(choose a node)</option>
              <NodeOptions nodes={others} />
            </select>
          </label>
          <button type="submit" disabled={!skip}>
            Add residual
          </button>
        </form>
        <button type="button" onClick={() => edit({ k: 'delete', id: node.id })} aria-keyshortcuts="Delete">
          Delete node
        </button>
      </fieldset>
    </details>
  );
}

/** The selected node's editor, when a node is selected. */
export function SelectedNodeEditor() {
  const selected = useExplorer((s) => s.selected);
  const nodes = useExplorer((s) => s.run?.graph.nodes);
  const node = nodes?.find((n) => n.id === selected);
  return node && nodes ? <NodeEditor node={node} all={nodes} /> : null;
}
