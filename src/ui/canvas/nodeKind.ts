import { showShape } from '../../core/tensor';
import type { NodeModel } from '../compute/protocol';

/** What a graph node is, from its typed model (op, role, stochastic flag) and the run's objective. */
export type TensorNodeKind = 'leaf' | 'op' | 'objective' | 'stochastic';

export interface NodeIdentity {
  kind: TensorNodeKind;
  /** The small tag in the node's header (canvas and SVG export). */
  badge: string;
  /** The line under the label: shape, and the op's glyph for computed nodes. */
  subtitle: string;
  /** The inspector's longer description. */
  description: string;
}

const ROLE_BADGE: Record<string, string> = { input: 'input', param: 'param', frozen: 'frozen', constant: 'const' };

/**
 * The one answer to "what is this node" for the canvas, the inspector and the SVG export.
 * Reads typed data only (`op === 'leaf'`, `role`, `stochastic`, the objective's node id).
 */
export function describeNode(m: NodeModel, objectiveNode: string | undefined): NodeIdentity {
  const shape = showShape(m.shape);
  if (m.op === 'leaf') {
    const role = m.role ?? 'input';
    return {
      kind: 'leaf',
      badge: ROLE_BADGE[role] ?? 'leaf',
      subtitle: shape,
      description: role === 'frozen' ? 'frozen parameter (no gradient)' : role,
    };
  }
  const subtitle = `${m.symbol} · ${shape}`;
  if (m.id === objectiveNode) return { kind: 'objective', badge: 'objective', subtitle, description: `objective · ${m.op}` };
  if (m.stochastic)
    return { kind: 'stochastic', badge: `sampled · ${String(m.attrs.estimator ?? '')}`, subtitle, description: `stochastic · ${m.op}` };
  return { kind: 'op', badge: m.op, subtitle, description: m.op };
}
