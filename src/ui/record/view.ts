import type { ExportView } from '../canvas/exportSvg';
import { encoderFor } from '../canvas/views';
import type { GraphModel } from '../compute/protocol';
import type { Timeline } from '../trace/timeline';
import type { FrameText } from './frame';

/** What the export draws at one cursor (nothing hidden: a recording shows every gradient). */
export function viewAt(t: Timeline, cursor: number, hide = false): Omit<ExportView, 'title' | 'caption'> {
  return {
    nodeAt: (id) => t.nodeAt(id, cursor, hide),
    edgeAt: (id) => t.edgeAt(id, cursor, hide),
    encoder: encoderFor(t),
  };
}

/** A node's label from the graph's typed data (the id when the graph has no such node). */
const labelOf = (g: GraphModel, id: string): string => g.nodes.find((n) => n.id === id)?.label ?? id;

/** The words on a frame at one cursor. */
export function frameTextAt(g: GraphModel, t: Timeline, cursor: number): FrameText {
  const step = t.stepAt(cursor);
  return {
    title: g.title,
    counter: `step ${cursor} / ${t.length}`,
    heading: step ? `${step.phase} · ${labelOf(g, step.node)}` : 'before the forward pass',
    commentary: step ? `${step.commentary}${step.fault ? ` ⚠ ${step.fault}` : ''}` : '',
  };
}
