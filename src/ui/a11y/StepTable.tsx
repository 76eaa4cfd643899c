import { useState } from 'react';
import type { Snapshot } from '../../core/tensor';
import { describeNode } from '../canvas/nodeKind';
import { useExplorer } from '../store/context';
import { selectTimeline } from '../store/selectors';
import { spokenNumber } from './narrate';

const MAX_SHOWN = 6;

// Inline: the same look in the app, in an embed's shadow root and in Storybook, with no stylesheet to ship.
const BAR = { position: 'relative', display: 'flex', justifyContent: 'flex-end', padding: '0 14px 6px' } as const;
const TOGGLE = { fontSize: 12, padding: '2px 8px' } as const;
const POPOVER = {
  position: 'absolute',
  right: 14,
  bottom: '100%',
  zIndex: 10,
  maxHeight: '55vh',
  maxWidth: 'min(760px, 92%)',
  overflow: 'auto',
  padding: '6px 10px',
  background: 'var(--gf-panel, #fff)',
  color: 'var(--gf-ink, #1d2733)',
  border: '1px solid var(--gf-line, #d5dce4)',
  borderRadius: 6,
  boxShadow: '0 6px 20px rgba(0, 0, 0, 0.18)',
} as const;
const TABLE = { borderCollapse: 'collapse', font: '12px/1.45 var(--gf-mono, monospace)' } as const;
const CAPTION = { textAlign: 'left', font: '600 12px/1.6 var(--gf-font, sans-serif)', paddingBottom: 4 } as const;
const CELL = {
  textAlign: 'left',
  padding: '2px 10px 2px 0',
  borderBottom: '1px solid var(--gf-line, #d5dce4)',
  whiteSpace: 'nowrap',
} as const;
const CURRENT = { ...CELL, background: 'rgba(61, 90, 254, 0.10)' } as const;

/** A tensor as text: a scalar's value, else the first few entries and the shape. */
function cell(t: Snapshot | null): string {
  if (!t) return '—';
  const xs = Array.from(t.data.subarray(0, MAX_SHOWN), (x) => spokenNumber(x).replace(' times 10 to the ', 'e'));
  if (t.data.length === 1) return xs[0] as string;
  return `[${xs.join(', ')}${t.data.length > MAX_SHOWN ? ', …' : ''}] (${t.shape.join('×')})`;
}

/**
 * The current step's numbers as a table: every node's value and gradient as they stand at the
 * cursor, the node the step touched marked. The same numbers as the canvas, readable by a screen
 * reader row by row. Shown on demand (a disclosure under the step bar).
 */
export function StepTable() {
  const [open, setOpen] = useState(false);
  const graph = useExplorer((s) => s.run?.graph ?? null);
  const cursor = useExplorer((s) => s.cursor);
  const objectiveNode = useExplorer((s) => s.run?.trace.objectiveNode);
  const timeline = useExplorer(selectTimeline);
  if (!graph || !timeline) return null;
  const step = timeline.stepAt(cursor);
  const stepLabel = step ? (graph.nodes.find((n) => n.id === step.node)?.label ?? step.node) : '';
  return (
    <div className="gf-step-table" style={BAR}>
      <button type="button" style={TOGGLE} aria-expanded={open} onClick={() => setOpen(!open)} data-testid="step-table-toggle">
        {open ? 'Hide' : 'Show'} the numbers as a table
      </button>
      {open && (
        <div style={POPOVER}>
          <table data-testid="step-table" style={TABLE}>
            <caption style={CAPTION}>
              {step ? `After step ${cursor} of ${timeline.length} (${step.phase} at ${stepLabel})` : `Before step 1 of ${timeline.length}`}
            </caption>
            <thead>
              <tr>
                <th scope="col" style={CELL}>
                  node
                </th>
                <th scope="col" style={CELL}>
                  kind
                </th>
                <th scope="col" style={CELL}>
                  value
                </th>
                <th scope="col" style={CELL}>
                  gradient
                </th>
              </tr>
            </thead>
            <tbody>
              {graph.nodes.map((n) => {
                const v = timeline.nodeAt(n.id, cursor);
                const td = step?.node === n.id ? CURRENT : CELL;
                return (
                  <tr key={n.id} aria-current={step?.node === n.id ? 'step' : undefined}>
                    <th scope="row" style={td}>
                      {n.label}
                    </th>
                    <td style={td}>{describeNode(n, objectiveNode).description}</td>
                    <td style={td}>{cell(v.value)}</td>
                    <td style={td}>{cell(v.grad)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
