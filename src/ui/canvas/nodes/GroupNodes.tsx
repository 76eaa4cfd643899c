import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { Snapshot } from '../../../core/tensor';
import { useExplorer } from '../../store/context';
import { selectHidden, selectStep, selectTimeline } from '../../store/selectors';
import { heatColour } from '../../trace/encoding';
import { outputHandleY } from '../box';
import { sci } from '../edgeLook';
import type { FoldedFlowNode, FrameFlowNode } from '../flow';
import { describeNode } from '../nodeKind';
import { boundaryOf, maxNorm } from './folded';

/** Group nodes read only their data: moving one (an unfold elsewhere) does not render it again. */
const sameData = (a: { data: unknown }, b: { data: unknown }) => a.data === b.data;

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
}, sameData);

/** A strip of up to 48 cells: a tensor at a glance inside a folded block (blue −, white 0, red +). */
function MiniStrip({ snap, label }: { snap: Snapshot; label: string }) {
  const n = snap.data.length;
  const cells = Math.min(48, n);
  const w = 150;
  const cw = w / cells;
  const max = maxAbsOf(snap);
  const rects = [];
  for (let i = 0; i < cells; i++) {
    // Down-sampled: each cell shows the entry of largest magnitude in its stretch.
    const lo = Math.floor((i * n) / cells);
    const hi = Math.max(lo + 1, Math.floor(((i + 1) * n) / cells));
    let v = 0;
    for (let k = lo; k < hi; k++) if (Math.abs(snap.data[k] as number) > Math.abs(v)) v = snap.data[k] as number;
    rects.push(<rect key={i} x={i * cw} y={0} width={cw + 0.3} height={12} fill={heatColour(v, max)} />);
  }
  return (
    <svg className="gf-mini-strip" width={w} height={12} viewBox={`0 0 ${w} 12`} role="img" aria-label={label}>
      {rects}
      <rect x={0.25} y={0.25} width={w - 0.5} height={11.5} fill="none" stroke="#8894a2" strokeWidth={0.5} />
    </svg>
  );
}

const maxAbsOf = (s: Snapshot) => {
  let m = 0;
  for (const x of s.data) if (Number.isFinite(x) && Math.abs(x) > m) m = Math.abs(x);
  return m;
};

/**
 * A folded group: one node standing for its members. It shows what flows through it (‖∇‖
 * arriving from downstream and leaving upstream, the output's gradient as a strip) and, while a
 * member is the step, pulses and names the member and its op.
 */
export const FoldedNode = memo(({ data }: NodeProps<FoldedFlowNode>) => {
  const g = data.group;
  const graph = useExplorer((s) => s.run?.graph ?? null);
  const b = graph ? boundaryOf(graph, g.id, data.members) : null;
  const stepNode = useExplorer((s) => {
    const step = selectStep(s);
    return step && data.members.includes(step.node) ? step.node : null;
  });
  const stepPhase = useExplorer((s) => (stepNode ? (selectStep(s)?.phase ?? null) : null));
  const active = useExplorer((s) => {
    const a = selectTimeline(s)?.activeAt(s.cursor).nodes;
    return a ? data.members.some((m) => a.has(m)) : false;
  });
  const gradIn = useExplorer((s) => {
    const t = selectTimeline(s);
    return t && b ? maxNorm(b.outbound.map((e) => t.edgeAt(e, s.cursor, selectHidden(s)).gradNorm)) : null;
  });
  const gradOut = useExplorer((s) => {
    const t = selectTimeline(s);
    return t && b ? maxNorm(b.inbound.map((e) => t.edgeAt(e, s.cursor, selectHidden(s)).gradNorm)) : null;
  });
  const outGrad = useExplorer((s) => {
    const o = b?.outputs[b.outputs.length - 1];
    const t = selectTimeline(s);
    return o && t ? t.nodeAt(o, s.cursor, selectHidden(s)).grad : null;
  });
  const highlighted = useExplorer((s) => s.highlight?.some((id) => data.members.includes(id)) ?? false);
  const member = stepNode && graph ? graph.nodes.find((n) => n.id === stepNode) : undefined;
  const kind = KIND_LABEL[g.kind] ?? g.kind;
  return (
    <div
      className={`gf-node gf-node--folded gf-frame--${g.kind}${active ? ' is-active' : ''}${stepNode ? ' is-stepping' : ''}${highlighted ? ' is-highlighted' : ''}`}
      style={{ width: data.box.w, height: data.box.h }}
      data-testid={`group-${g.id}`}
      data-grad-in={gradIn ?? ''}
      data-grad-out={gradOut ?? ''}
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
      <div className="gf-node__sub" data-testid="folded-now">
        {member ? (
          <span
            className="gf-folded__now"
            title={`${stepPhase ?? ''} step inside: ${member.label} (${describeNode(member, undefined).badge})`}
          >
            {stepPhase === 'forward' || stepPhase === 'recompute' ? '▶' : '◀'} {member.label} · {describeNode(member, undefined).badge}
          </span>
        ) : (
          `${kind} · ${data.members.length} nodes`
        )}
      </div>
      <div className="gf-folded__flow" title="‖∇‖ arriving from downstream → ‖∇‖ sent on upstream" data-testid="folded-flow">
        ‖∇‖ {gradIn === null ? '—' : sci(gradIn)} → {gradOut === null ? '—' : sci(gradOut)}
      </div>
      {outGrad && outGrad.data.length > 1 ? (
        <MiniStrip snap={outGrad} label={`gradient at the output of ${g.label}`} />
      ) : (
        <span className="gf-mini-strip gf-mini-strip--empty" />
      )}
    </div>
  );
}, sameData);
