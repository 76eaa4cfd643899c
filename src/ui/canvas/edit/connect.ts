import type { Connection } from '@xyflow/react';
import type { ExplorerStore } from '../../store';

/**
 * A handle dragged onto an input: input `in<k>` of the target reads the source. Edges into a
 * folded group (handle `in`) carry no slot and are not edits.
 */
export async function connectEdit(store: ExplorerStore, c: Connection): Promise<boolean> {
  const handle = c.targetHandle ?? '';
  if (!handle.startsWith('in') || handle.length < 3) return false;
  const slot = Number(handle.slice(2));
  if (!Number.isInteger(slot)) return false;
  const { applyEdit } = await import('./applyEdit');
  return applyEdit(store, { k: 'input', target: c.target, slot, source: c.source });
}
