import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A "⋯" button (or another summary: the canvas legend's) holding the controls a lecturer needs now and then (presenter mode keeps the
 * chrome to one row): opens a panel of them below the button; a click outside or `Esc` closes it.
 */
export function MoreMenu({
  label,
  children,
  testId,
  summary = '⋯',
  className = '',
}: {
  label: string;
  children: ReactNode;
  testId?: string;
  /** What the closed menu shows (⋯ unless told). */
  summary?: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const close = () => {
      el.open = false;
    };
    const outside = (e: PointerEvent) => {
      if (el.open && !el.contains(e.target as Node)) close();
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !el.open) return;
      // Handled here: the explorer's own Esc (closing a panel) does not also fire.
      e.preventDefault();
      close();
      el.querySelector('summary')?.focus();
    };
    document.addEventListener('pointerdown', outside);
    el.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('pointerdown', outside);
      el.removeEventListener('keydown', esc);
    };
  }, []);
  return (
    <details ref={ref} className={`gf-more ${className}`.trim()} data-testid={testId}>
      <summary aria-label={label} title={label}>
        {summary}
      </summary>
      <div className="gf-more__panel">{children}</div>
    </details>
  );
}
