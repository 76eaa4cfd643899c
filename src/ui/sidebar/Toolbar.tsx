import type { OptionSpec, OptionValue } from '../../core/types';
import { OptionSelect } from '../common/OptionSelect';
import { CompareButton } from '../compare/CompareButton';
import { useExplorer, useExplorerStore } from '../store/context';
import { selectBusy } from '../store/selectors';
import { MoreMenu } from './MoreMenu';

function OptionControl({ spec, value }: { spec: OptionSpec; value: OptionValue | undefined }) {
  const store = useExplorerStore();
  const label = spec.label ?? spec.name;
  const set = (v: OptionValue) => void store.getState().setOption(spec.name, v);
  const isToggle = spec.values.length === 2 && spec.values.every((v) => typeof v === 'boolean');
  if (isToggle) {
    return (
      <label className="gf-option">
        <input type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} />
        <span className="gf-option__text">{label}</span>
      </label>
    );
  }
  const index = value === undefined ? -1 : spec.values.indexOf(value);
  return (
    <label className="gf-option" title={label}>
      <span className="gf-option__text">{label}</span>
      <OptionSelect spec={spec} index={index} onPick={set} ariaLabel={label} />
    </label>
  );
}

/** Above the canvas: the graph's options and objective, predict mode, presenter mode. */
export function Toolbar() {
  const store = useExplorerStore();
  const title = useExplorer((s) => s.run?.graph.title ?? '');
  const declared = useExplorer((s) => s.run?.graph.options);
  const options = useExplorer((s) => s.options);
  const objectives = useExplorer((s) => s.run?.graph.objectives);
  const objective = useExplorer((s) => s.run?.trace.objective);
  const predict = useExplorer((s) => s.predict);
  const presenter = useExplorer((s) => s.presenter);
  const busy = useExplorer((s) => selectBusy(s));
  const stochastic = useExplorer((s) => s.run?.graph.nodes.some((n) => n.stochastic) ?? false);
  const seed = useExplorer((s) => s.seed);
  const secondary = (
    <>
      <label className="gf-option gf-chrome">
        <input type="checkbox" checked={predict} onChange={(e) => store.getState().setPredict(e.target.checked)} />
        predict mode
      </label>
      <CompareButton />
      <button
        type="button"
        className="gf-present-toggle"
        onClick={() => store.getState().setPresenter(!presenter)}
        aria-pressed={presenter}
      >
        {presenter ? 'Exit presenter' : 'Present'}
      </button>
    </>
  );
  return (
    <div className="gf-toolbar">
      <h2 className="gf-title" data-testid="graph-title">
        {title}
      </h2>
      <div className="gf-toolbar__controls">
        {declared?.map((o) => (
          <OptionControl key={o.name} spec={o} value={options[o.name]} />
        ))}
        {objectives && objectives.length > 1 && (
          <label className="gf-option">
            objective
            <select value={objective} onChange={(e) => void store.getState().setObjective(e.target.value)} aria-label="objective">
              {objectives.map((o) => (
                <option key={o.name} value={o.name}>
                  {o.label ?? o.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {stochastic && (
          <label className="gf-option">
            seed
            <input
              type="number"
              className="gf-seed"
              min={0}
              step={1}
              value={seed}
              aria-label="sampling seed"
              onChange={(e) => void store.getState().setSeed(Number(e.target.value))}
            />
          </label>
        )}
        {!presenter && secondary}
        <span className={`gf-busy${busy ? ' is-busy' : ''}`} aria-live="polite">
          {busy ? 'computing…' : ''}
        </span>
      </div>
      {presenter && (
        // Presenter mode: one row of chrome; what the lecturer needs now and then sits in ⋯.
        <MoreMenu label="more: predict mode, compare, exit presenter" testId="toolbar-more">
          {secondary}
        </MoreMenu>
      )}
    </div>
  );
}
