import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { useExplorer } from '../../store/context';
import { selectTimeline } from '../../store/selectors';
import { outputHandleY } from '../box';
import type { FoldedFlowNode, FrameFlowNode } from '../flow';

const KIND_LABEL: Record<string, string> = { lora: 'LoRA branch', attention: 'attention', segment: 'checkpoint segment', block: 'block' };

function FoldButton({ group, folded }: { group: string; folded: boolean }) {
  const toggle = useExplorer((s) => s.toggleFold);
  return (
    <button
      type="button"
      className="gf-fold nodrag"
      aria-expanded={!folded}
      aria-label={folded ? `unfold ${group}` : `fold ${group}`}
      onClick={(e) => {
        e.stopPropagation();
        toggle(group);
      }}
    >
      {folded ? '⊞' : '⊟'}
    </button>
  );
}

/** An unfolded group: a labelled frame around its members. */
export const FrameNode = memo(({ data }: NodeProps<FrameFlowNode>) => {
  const g = data.group;
  return (
    <div className={`gf-frame gf-frame--${g.kind}`} data-testid={`group-${g.id}`}>
      <div className="gf-frame__head">
        <FoldButton group={g.id} folded={false} />
        <span className="gf-frame__label">{g.label}</span>
        {g.label.toLowerCase() !== (KIND_LABEL[g.kind] ?? g.kind).toLowerCase() && (
          <span className="gf-node__badge">{KIND_LABEL[g.kind] ?? g.kind}</span>
        )}
      </div>
    </div>
  );
});

/** A folded group: one node standing for its members; lit while any member is active. */
export const FoldedNode = memo(({ data }: NodeProps<FoldedFlowNode>) => {
  const g = data.group;
  const active = useExplorer((s) => {
    const a = selectTimeline(s)?.activeAt(s.cursor).nodes;
    return a ? data.members.some((m) => a.has(m)) : false;
  });
  const gradArrived = useExplorer((s) => data.members.some((m) => selectTimeline(s)?.nodeAt(m, s.cursor).grad));
  const highlighted = useExplorer((s) => s.highlight?.some((id) => data.members.includes(id)) ?? false);
  return (
    <div
      className={`gf-node gf-node--folded gf-frame--${g.kind}${active ? ' is-active' : ''}${highlighted ? ' is-highlighted' : ''}`}
      style={{ width: data.box.w, height: data.box.h }}
      data-testid={`group-${g.id}`}
    >
      <Handle
        id="in"
        type="target"
        position={Position.Left}
        isConnectable={false}
        style={{ top: data.handles?.in[0] ?? outputHandleY(data.box) }}
      />
      <Handle
        id="out"
        type="source"
        position={Position.Right}
        isConnectable={false}
        style={{ top: data.handles?.out ?? outputHandleY(data.box) }}
      />
      <div className="gf-node__head">
        <FoldButton group={g.id} folded />
        <span className="gf-node__label">{g.label}</span>
      </div>
      <div className="gf-node__sub">
        {KIND_LABEL[g.kind] ?? g.kind} · {data.members.length} nodes{gradArrived ? ' · ∇ arrived' : ''}
      </div>
    </div>
  );
});
