import { DEFAULT_GRAPH } from '../store/slices/loading';
import type { UrlState } from '../store/url';
import BAKED from './bakedExercises.json';

/**
 * Whether the page's first graph opens with a baked layout (canvas/baked.ts): a bundled
 * exercise named by the link (or the default one) with nothing in the link that changes its
 * structure or folds. Read before anything loads, to decide when elkjs may.
 */
export function opensBaked(url: UrlState, linkedGraph: boolean): boolean {
  if (linkedGraph || url.src !== undefined || url.objective !== undefined || url.fold || url.unfold) return false;
  if (Object.keys(url.options).length > 0) return false;
  return (BAKED as string[]).includes(url.graph ?? DEFAULT_GRAPH);
}
