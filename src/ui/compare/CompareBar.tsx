import { useStore } from 'zustand';
import { presetsFor } from '../../../graphs/compare';
import type { OptionSpec, OptionValue } from '../../core/types';
import { OptionSelect } from '../common/OptionSelect';
import { inertText } from '../compute/inert';
import type { ExplorerStore } from '../store/types';
import type { CompareStore } from './state';

/** Applies a preset: A runs its `a` options (one run, at the same moment), B its `b`. */
export async function applyPreset(a: ExplorerStore, cmp: CompareStore, id: string): Promise<void> {
  const s = a.getState();
  const graph = s.run?.graph.id;
  const p = graph ? presetsFor(graph).find((x) => x.id === id) : undefined;
  if (!p || !s.run) return;
  cmp.getState().open(p.b, { graph: p.graph });
  if (Object.entries(p.a).some(([k, v]) => s.options[k] !== v)) {
    for (const [k, v] of Object.entries(p.a)) if (a.getState().options[k] !== v) await a.getState().setOption(k, v);
  }
}

function BOption({ spec, value, cmp }: { spec: OptionSpec; value: OptionValue | undefined; cmp: CompareStore }) {
  const label = spec.label ?? spec.name;
  const index = value === undefined ? spec.values.indexOf(spec.default) : spec.values.findIndex((v) => String(v) === String(value));
  return (
    <label className="gf-option" title={inertText(label)}>
      B: {inertText(spec.name)}
      <OptionSelect
        spec={spec}
        index={index}
        onPick={(v) => cmp.getState().setOption(spec.name, v)}
        ariaLabel={`pane B: ${inertText(label)}`}
      />
    </label>
  );
}

/** Above the panes: the view toggle, the graph's presets, what pane B runs, and the way out. */
export function CompareBar({ a, cmp }: { a: ExplorerStore; cmp: CompareStore }) {
  const graph = useStore(a, (s) => s.run?.graph ?? null);
  const optionsA = useStore(a, (s) => s.options);
  const view = useStore(cmp, (s) => s.view);
  const over = useStore(cmp, (s) => s.options);
  const presets = graph ? presetsFor(graph.id) : [];
  const current = presets.find(
    (p) =>
      Object.entries(p.a).every(([k, v]) => optionsA[k] === v) &&
      Object.entries(p.b).every(([k, v]) => String(over?.[k] ?? optionsA[k]) === String(v)),
  );
  return (
    <div className="gf-compare__bar" data-testid="compare-bar">
      {/* biome-ignore lint/a11y/useSemanticElements: two toggle buttons, not a form */}
      <div className="gf-compare__views" role="group" aria-label="compare view">
        <button
          type="button"
          aria-pressed={view === 'panes'}
          onClick={() => cmp.getState().setView('panes')}
          data-testid="compare-view-panes"
        >
          Side by side
        </button>
        <button
          type="button"
          aria-pressed={view === 'ratio'}
          onClick={() => cmp.getState().setView('ratio')}
          data-testid="compare-view-ratio"
        >
          Ratio B / A
        </button>
      </div>
      {presets.length > 0 && (
        <label className="gf-option">
          preset
          <select
            value={current?.id ?? ''}
            onChange={(e) => void applyPreset(a, cmp, e.target.value)}
            aria-label="compare preset"
            data-testid="compare-preset"
          >
            <option value="">—</option>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {graph?.options.map((o) => (
        <BOption key={o.name} spec={o} value={over?.[o.name] ?? optionsA[o.name]} cmp={cmp} />
      ))}
      <button type="button" className="gf-compare__close" onClick={() => cmp.getState().close()} data-testid="compare-close">
        End compare
      </button>
    </div>
  );
}
