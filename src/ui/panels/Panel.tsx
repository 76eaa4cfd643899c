import { type ReactNode, useId } from 'react';
import { PanelStyles } from './styles';

export interface PanelProps {
  /** Which panel this is (`data-panel`, for tests and styling). */
  kind: string;
  title: string;
  subtitle?: string;
  /** Span the whole row of the panel grid. */
  wide?: boolean;
  children: ReactNode;
}

/** The card every lesson panel sits in: a labelled region with a heading. */
export function Panel({ kind, title, subtitle, wide, children }: PanelProps) {
  const headingId = useId();
  return (
    <section className={wide ? 'gf-panel gf-panel-wide' : 'gf-panel'} aria-labelledby={headingId} data-panel={kind}>
      <PanelStyles />
      <h3 id={headingId}>{title}</h3>
      {subtitle ? <p className="gf-panel-sub">{subtitle}</p> : null}
      {children}
    </section>
  );
}
