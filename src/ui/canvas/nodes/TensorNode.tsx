import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { LockIcon } from '../../common/icons';
import { useExplorer } from '../../store/context';
import { selectTimeline } from '../../store/selectors';
import type { NodeView } from '../../trace/timeline';
import { inputHandleY, outputHandleY } from '../box';
import type { TensorFlowNode, TensorNodeData } from '../flow';
import { traceScaleOf } from '../heatScale';
import { countRender } from '../renderProbe';
import { useCanvasView } from '../viewState';
import { encoderFor, isActiveNode, isHiddenNode, nodeViewOf } from '../views';

const l2 = (d: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < d.length; i++) s += (d[i] as number) ** 2;
  return Math.sqrt(s);
};

import { ScalarField } from './ScalarField';
import { Slot, ValueCell } from './ValueCell';

function ValuePart({ d, view, scale }: { d: TensorNodeData; view: NodeView | null; scale?: number }) {
  const m = d.model;
  const editable = d.kind === 'leaf' && m.shape.length === 0 && m.role !== 'frozen';
  if (view?.value && editable) return <ScalarField id={m.id} value={view.value.data[0] as number} label={m.label} />;
  if (view?.value) return <ValueCell snap={view.value} box={d.box} label={`value of ${m.label}`} maxAbs={scale} />;
  if (view?.valueState === 'freed')
    return (
      <Slot box={d.box} className="gf-slot--freed">
        freed
      </Slot>
    );
  return <Slot box={d.box}>·</Slot>;
}

function GradPart({ d, view, hidden, scale }: { d: TensorNodeData; view: NodeView | null; hidden: boolean; scale?: number }) {
  const m = d.model;
  if (d.kind === 'leaf' && (m.role === 'frozen' || m.role === 'constant')) {
    return (
      <Slot box={d.box} className="gf-slot--nograd">
        no ∇
      </Slot>
    );
  }
  if (hidden)
    return (
      <Slot box={d.box} className="gf-slot--hidden">
        ?
      </Slot>
    );
  if (view?.grad) return <ValueCell snap={view.grad} box={d.box} label={`gradient of ${m.label}`} maxAbs={scale} />;
  return <Slot box={d.box} />;
}

function TensorNodeBody({ id, data, connectable = false }: { id: string; data: TensorNodeData; connectable?: boolean }) {
  countRender('node', id);
  const heatScale = useCanvasView((v) => v.heatScale);
  const view = useExplorer(nodeViewOf(id));
  const active = useExplorer(isActiveNode(id));
  const hidden = useExplorer(isHiddenNode(id));
  const selected = useExplorer((s) => s.selected === id);
  const highlighted = useExplorer((s) => s.highlight?.includes(id) ?? false);
  // One colour scale across the whole trace (an option): a 1e-9 gradient then looks like one.
  // Semantic zoom's bar: where this node's ‖∇‖ sits on the trace's log scale (0 … 1).
  const level = useExplorer((s) => (view?.grad ? encoderFor(selectTimeline(s)).level(l2(view.grad.data)) : null));
  const traceScale = useExplorer((s) => {
    const t = heatScale === 'trace' ? selectTimeline(s) : null;
    return t ? traceScaleOf(t) : null;
  });
  const m = data.model;
  const cls = [
    'gf-node',
    'gf-node--tensor',
    `gf-node--${data.kind}`,
    m.shape.length === 0 ? 'gf-node--scalar' : '',
    m.role ? `gf-role--${m.role}` : '',
    active ? 'is-active' : '',
    selected ? 'is-selected' : '',
    highlighted ? 'is-highlighted' : '',
    view?.fault ? 'is-fault' : '',
    view?.valueState === 'freed' ? 'is-freed' : '',
    view?.valueState === 'recomputed' ? 'is-recomputed' : '',
    view?.gradState === 'partial' ? 'is-partial' : '',
    traceScale ? 'is-trace-scaled' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const subtitle = data.identity.subtitle;
  return (
    <div
      className={cls}
      data-testid={`node-${id}`}
      // Semantic zoom draws these far out with CSS alone (no extra elements per node).
      data-symbol={m.symbol || m.label}
      style={{ width: data.box.w, height: data.box.h, ['--gf-level' as string]: level ?? 0 }}
      data-value-state={view?.valueState ?? 'pending'}
      data-grad-state={hidden ? 'hidden' : (view?.gradState ?? 'none')}
    >
      {m.inputs.map((_, i) => (
        <Handle
          // biome-ignore lint/suspicious/noArrayIndexKey: input slots are positional
          key={i}
          id={`in${i}`}
          type="target"
          position={Position.Left}
          isConnectable={connectable}
          style={{ top: data.handles?.in[i] ?? inputHandleY(data.box, i, m.inputs.length) }}
        />
      ))}
      <Handle
        id="out"
        type="source"
        position={Position.Right}
        isConnectable={connectable}
        style={{ top: data.handles?.out ?? outputHandleY(data.box) }}
      />
      <div className="gf-node__head">
        <span className="gf-node__label" title={m.label}>
          {m.label}
        </span>
        <span className="gf-node__badge">
          {m.role === 'frozen' && <LockIcon />}
          {data.identity.badge}
        </span>
      </div>
      <div className="gf-node__sub">
        {subtitle}
        {view?.fault && (
          <span className="gf-node__fault" title={view.fault} role="img" aria-label={`fault: ${view.fault}`}>
            ⚠ NaN/Inf
          </span>
        )}
      </div>
      <div className="gf-node__body">
        <div className="gf-node__part">
          <span className="gf-node__caption">value</span>
          <ValuePart d={data} view={view} scale={traceScale?.value} />
        </div>
        <div className="gf-node__part gf-node__part--grad">
          <span className="gf-node__caption">∇</span>
          <GradPart d={data} view={view} hidden={hidden} scale={traceScale?.grad} />
        </div>
      </div>
    </div>
  );
}

/** Every graph node: one component, its look from `data.kind` (leaf, op, objective, stochastic). */
// Handles connect only while the canvas is editable (the explorer's `nodesConnectable`).
// Only what the body reads counts: a node moved by an unfold elsewhere (new position props) is
// re-placed by React Flow's wrapper without rendering its body again.
export const TensorNode = memo(
  ({ id, data, isConnectable }: NodeProps<TensorFlowNode>) => <TensorNodeBody id={id} data={data} connectable={isConnectable} />,
  (a, b) => a.id === b.id && a.data === b.data && a.isConnectable === b.isConnectable,
);
