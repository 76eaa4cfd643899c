import type { Loaded } from '../../core/load';
import { decodeFragment } from './fragment';

/** The graph a link's fragment carries, parsed as a file is (null: the link carries none). */
export async function graphFromLink(hash: string): Promise<Loaded<Record<string, unknown>> | null> {
  const text = await decodeFragment(hash);
  if (!text) return null;
  if (!text.ok) return text;
  // The graph-file loader (with the .gf parser) loads with the first file, not with the app shell.
  const { parseGraphText } = await import('../../core/load');
  return parseGraphText(text.value, { name: 'the graph in this link' });
}
