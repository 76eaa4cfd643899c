import type { ExportView } from '../canvas/exportSvg';
import { encoderFor } from '../canvas/views';
import type { GraphModel } from '../compute/protocol';
import type { Timeline } from '../trace/timeline';
import type { FrameText } from './frame';
import type { Shot } from './plan';

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

/** The words on a frame at one cursor; at a track's stop, its title and callout lead. */
export function frameTextAt(g: GraphModel, t: Timeline, cursor: number, stop?: Shot['stop']): FrameText {
  const step = t.stepAt(cursor);
  const where = step ? `${step.phase} · ${labelOf(g, step.node)}` : cursor === 0 ? 'before the forward pass' : '';
  const line = step ? `${step.commentary}${step.fault ? ` ⚠ ${step.fault}` : ''}` : '';
  if (stop)
    return {
      title: g.title,
      counter: `stop ${stop.index + 1} / ${stop.count} · step ${cursor} / ${t.length}`,
      heading: stop.title ? `${stop.title} — ${where}` : where,
      commentary: stop.callout ?? line,
    };
  return { title: g.title, counter: `step ${cursor} / ${t.length}`, heading: where, commentary: line };
}
