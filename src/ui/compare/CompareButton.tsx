import { useStore } from 'zustand';
import { presetsFor } from '../../../graphs/compare';
import { useExplorer, useExplorerStore } from '../store/context';
import { applyPreset } from './CompareBar';
import { compareOf } from './state';

/**
 * The toolbar's way into compare mode: the graph's first preset (A runs its `a` options, B its
 * `b`), or B = A's own options when the graph has none; the compare bar changes either.
 */
export function CompareButton() {
  const a = useExplorerStore();
  const cmp = compareOf(a);
  const on = useStore(cmp, (s) => s.options !== null);
  const graph = useExplorer((s) => s.run?.graph.id ?? null);
  if (!graph) return null;
  const first = presetsFor(graph)[0];
  return (
    <button
      type="button"
      className="gf-compare-toggle"
      aria-pressed={on}
      data-testid="compare-toggle"
      title={first ? `compare: ${first.label}` : 'compare with other options'}
      onClick={() => {
        if (on) cmp.getState().close();
        else if (first) void applyPreset(a, cmp, first.id);
        else cmp.getState().open({}, { graph });
      }}
    >
      {on ? 'End compare' : 'Compare'}
    </button>
  );
}
