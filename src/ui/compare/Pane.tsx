import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import { inertText } from '../compute/inert';
import type { ExplorerStore } from '../store/types';
import { optionItems } from './summary';

interface PaneProps {
  side: 'A' | 'B';
  /** This pane's store and the other pane's (for which options differ). */
  store: ExplorerStore;
  other: ExplorerStore | null;
  /** The step line under the options (aligned step, or "no counterpart"). */
  status: ReactNode;
  children: ReactNode;
}

/** One side of the comparison: a header naming the options it runs, then its canvas. */
export function Pane({ side, store, other, status, children }: PaneProps) {
  const declared = useStore(store, (s) => s.run?.graph.options ?? null);
  const mine = useStore(store, (s) => s.options);
  const theirs = useStore(other ?? store, (s) => s.options);
  const items = declared ? optionItems(declared, mine, theirs) : [];
  return (
    <section className={`gf-compare__pane gf-compare__pane--${side}`} data-testid={`compare-pane-${side}`} aria-label={`pane ${side}`}>
      <header className="gf-compare__head">
        <span className="gf-compare__side">{side}</span>
        <span className="gf-compare__opts" data-testid={`compare-options-${side}`}>
          {items.length === 0
            ? 'no options'
            : items.map((o) => (
                <span key={o.name} className={`gf-compare__opt${o.differs ? ' is-different' : ''}`}>
                  {inertText(o.name)} = <b>{inertText(o.value)}</b>
                </span>
              ))}
        </span>
        <span className="gf-compare__status">{status}</span>
      </header>
      <div className="gf-compare__body">{children}</div>
    </section>
  );
}
