import { fmtTensor } from '../../core/format';
import type { NodeModel } from '../compute/protocol';
import { useExplorer } from '../store/context';
import { selectHidden, selectTimeline } from '../store/selectors';
import { Formula } from './Formula';

/**
 * The node's VJP with the numbers of its backward step plugged in: ȳ arriving, the inputs it
 * read, and what it sent to each input. All numbers are the step's snapshots; nothing is computed.
 */
export function LocalVjp({ model }: { model: NodeModel }) {
  const timeline = useExplorer((s) => selectTimeline(s));
  const cursor = useExplorer((s) => s.cursor);
  const hidden = useExplorer(selectHidden);
  const values = useExplorer((s) => s.run?.trace.values);
  if (!timeline || !model.formula) return null;
  const at = timeline.backwardStepOf.get(model.id);
  if (at === undefined) return <p className="gf-muted">No gradient flows through this node for this objective.</p>;
  if (cursor <= at) return <p className="gf-muted">The backward pass reaches this node at step {at + 1}.</p>;
  const step = timeline.steps[at];
  if (!step?.grad) return null;
  const concealed = hidden && cursor === at + 1;
  const nameOf = (slot: number) => model.slotNames[slot] ?? `#${slot}`;
  return (
    <div className="gf-vjp" data-testid="local-vjp">
      <div className="gf-vjp__row">
        <span className="gf-vjp__sym">ȳ</span> = <code>{fmtTensor(step.grad)}</code>
      </div>
      {model.inputs.map((src, slot) => {
        const v = timeline.nodeAt(src, at + 1).value ?? values?.get(src);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: input slots are positional
          <div className="gf-vjp__row" key={slot}>
            <span className="gf-vjp__sym">{nameOf(slot)}</span> = {src}: <code>{v ? fmtTensor(v) : '—'}</code>
          </div>
        );
      })}
      {(step.sent ?? []).map((g) => (
        <div className="gf-vjp__row gf-vjp__row--sent" key={g.edge}>
          <Formula tex={model.formula?.vjp[g.slot] ?? ''} /> → {g.to}: <code>{concealed ? '? (predict first)' : fmtTensor(g.grad)}</code>
        </div>
      ))}
      {(step.sent ?? []).length === 0 && <p className="gf-muted">No input of this node needs a gradient.</p>}
    </div>
  );
}
