import type { OptionSpec, OptionValue } from '../../core/types';
import type { Step } from '../../engine/trace';

/** One option as a pane header shows it: its name, value, and whether the other pane differs. */
export interface OptionItem {
  name: string;
  value: string;
  differs: boolean;
}

/** The declared options of the graph with the values one pane runs (the other pane's for `differs`). */
export function optionItems(
  declared: readonly OptionSpec[],
  mine: Readonly<Record<string, OptionValue>>,
  other: Readonly<Record<string, OptionValue>>,
): OptionItem[] {
  return declared.map((o) => {
    const v = mine[o.name] ?? o.default;
    const w = other[o.name] ?? o.default;
    return { name: o.name, value: String(v), differs: String(v) !== String(w) };
  });
}

/** `backward h3` for a step; `start` before the first. */
export const stepName = (s: Pick<Step, 'phase' | 'node'> | null): string => (s ? `${s.phase} ${s.node}` : 'start');
