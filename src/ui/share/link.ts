import { type Loaded, parseGraphText } from '../../core/load';
import { decodeFragment } from './fragment';

/** The graph a link's fragment carries, parsed as a file is (null: the link carries none). */
export async function graphFromLink(hash: string): Promise<Loaded<Record<string, unknown>> | null> {
  const text = await decodeFragment(hash);
  if (!text) return null;
  return text.ok ? parseGraphText(text.value, { name: 'the graph in this link' }) : text;
}
