import { fmt, fmtTensor } from '../../core/format';
import { showShape } from '../../core/tensor';
import { describeNode } from '../canvas/nodeKind';
import { Heatmap } from '../common/Heatmap';
import type { NodeModel } from '../compute/protocol';
import { useExplorer } from '../store/context';
import { selectHidden, selectTimeline } from '../store/selectors';
import { gridOf } from '../trace/grid';
import type { NodeView } from '../trace/timeline';
import { Formula } from './Formula';
import { Gradcheck } from './Gradcheck';
import { GraphNotes } from './GraphNotes';
import { GraphOverview } from './GraphOverview';
import { LocalVjp } from './LocalVjp';
import { ValueEditor } from './ValueEditor';

/** The inspector: the selected node in detail, or the graph overview when nothing is selected. */
export function Inspector() {
  const selected = useExplorer((s) => s.selected);
  const model = useExplorer((s) => (s.selected ? s.run?.graph.nodes.find((n) => n.id === s.selected) : undefined));
  const title = useExplorer((s) => s.run?.graph.title);
  // Named after its graph: two explorers on one page have two distinct landmarks (axe landmark-unique).
  return (
    <aside className="gf-inspector" aria-label={title ? `inspector: ${title}` : 'inspector'}>
      {selected && model ? <NodeInspector model={model} /> : <GraphOverview />}
    </aside>
  );
}

function TensorView({ snap, what, label }: { snap: NodeView['value']; what: string; label: string }) {
  if (!snap) return null;
  if (snap.shape.length === 0) {
    return (
      <p className="gf-big-number" data-testid={`inspector-${what}`}>
        {fmt(snap.data[0] as number, 6)}
      </p>
    );
  }
  const { rows, cols } = gridOf(snap.shape);
  const cell = Math.max(2, Math.min(24, 220 / Math.max(rows, cols)));
  return (
    <div data-testid={`inspector-${what}`}>
      <Heatmap snap={snap} cellW={cell} cellH={cell} label={`${what} of ${label}`} />
      {snap.data.length <= 16 && <code className="gf-numbers">{fmtTensor(snap)}</code>}
    </div>
  );
}

function NodeInspector({ model }: { model: NodeModel }) {
  const view = useExplorer((s) => selectTimeline(s)?.nodeAt(model.id, s.cursor, selectHidden(s)) ?? null);
  const objectiveNode = useExplorer((s) => s.run?.trace.objectiveNode);
  const objective = useExplorer((s) => s.run?.trace.objective);
  const leafValue = useExplorer((s) => s.run?.leafValues[model.id]);
  const select = useExplorer((s) => s.select);
  const isLeaf = model.op === 'leaf';
  return (
    <div className="gf-inspector__node" data-testid="node-inspector">
      <header className="gf-inspector__head">
        <h2 data-testid="inspector-title">{model.label}</h2>
        <button type="button" className="gf-close" onClick={() => select(null)} aria-label="close the inspector">
          ×
        </button>
      </header>
      <p className="gf-muted">
        {model.label !== model.id && <code>{model.id}</code>} {describeNode(model, objectiveNode).description} · {showShape(model.shape)}
      </p>
      {model.note && <p className="gf-note">{model.note}</p>}
      {model.formula && (
        <section>
          <h3>Rule</h3>
          <div className="gf-rule">
            <Formula tex={model.formula.forward} display />
          </div>
          <h3>Backward (VJP)</h3>
          {model.formula.vjp.map((tex, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one VJP per input slot
            <div className="gf-rule" key={i}>
              <Formula tex={tex} display />
              {model.inputs[i] !== undefined && model.formula?.vjp.length === model.inputs.length && (
                <span className="gf-muted"> → {model.inputs[i]}</span>
              )}
            </div>
          ))}
        </section>
      )}
      <section>
        <h3>Value{view?.valueState === 'recomputed' ? ' (recomputed from the last checkpoint)' : ''}</h3>
        {view?.value ? (
          <TensorView snap={view.value} what="value" label={model.label} />
        ) : (
          <p className="gf-muted">
            {view?.valueState === 'freed'
              ? 'Freed: not a checkpoint, so it was dropped once its consumers ran; backward recomputes it when needed.'
              : 'not computed yet'}
          </p>
        )}
      </section>
      <section>
        <h3>
          Gradient ∂{objective ?? 'L'}/∂{model.label}
          {view?.gradState === 'partial' ? ' (partial: more consumers still to send)' : ''}
        </h3>
        {model.role === 'frozen' || model.role === 'constant' ? (
          <p className="gf-muted">
            {model.role === 'frozen' ? 'Frozen: no gradient is computed or stored.' : 'A constant gets no gradient.'}
          </p>
        ) : view?.grad ? (
          <TensorView snap={view.grad} what="grad" label={model.label} />
        ) : (
          <p className="gf-muted">
            {model.needsGrad ? 'not reached by the backward pass yet' : 'no input or parameter upstream: no gradient'}
          </p>
        )}
      </section>
      {model.formula && (
        <section>
          <h3>This node's backward step, with numbers</h3>
          <LocalVjp model={model} />
        </section>
      )}
      {isLeaf && leafValue !== undefined && (
        <section>
          <h3>Edit value</h3>
          <ValueEditor key={JSON.stringify(leafValue)} model={model} value={leafValue} />
        </section>
      )}
      <section>
        <h3>Check</h3>
        <Gradcheck node={model.id} />
      </section>
      <GraphNotes />
    </div>
  );
}
