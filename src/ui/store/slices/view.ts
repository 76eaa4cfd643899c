import type { Slice } from './deps';

/** How the graph is looked at: selection, folds, presenter mode, a lesson's highlight. */
export interface ViewSlice {
  selected: string | null;
  /** Folded groups by id. */
  folded: Record<string, boolean>;
  presenter: boolean;
  /** Nodes a lesson panel asks the canvas to light up. */
  highlight: string[] | null;

  select(node: string | null): void;
  toggleFold(group: string): void;
  setPresenter(on: boolean): void;
  setHighlight(ids: string[] | null): void;
}

export const createViewSlice: Slice<ViewSlice> =
  ({ init }) =>
  (set, get) => ({
    selected: init.node ?? null,
    folded: {},
    presenter: init.present ?? false,
    highlight: null,

    select: (node) => set({ selected: node }),
    toggleFold: (group) => set({ folded: { ...get().folded, [group]: !get().folded[group] } }),
    setPresenter: (on) => set({ presenter: on }),
    setHighlight: (ids) => set({ highlight: ids?.length ? ids : null }),
  });
