import type { OptionSpec, OptionValue } from '../../core/types';
import { inertText } from '../compute/inert';

/** A select over an option's declared values (shown inert), by index: the toolbar's and compare pane B's. */
export function OptionSelect({
  spec,
  index,
  onPick,
  ariaLabel,
}: {
  spec: OptionSpec;
  index: number;
  onPick: (v: OptionValue) => void;
  ariaLabel: string;
}) {
  return (
    <select value={index} onChange={(e) => onPick(spec.values[Number(e.target.value)] as OptionValue)} aria-label={ariaLabel}>
      {spec.values.map((v, i) => (
        <option key={String(v)} value={i}>
          {inertText(String(v))}
        </option>
      ))}
    </select>
  );
}
