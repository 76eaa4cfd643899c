import { useEffect, useRef } from 'react';
import { clampShare, useCanvasView, useCanvasViewStore } from './viewState';

/** The panels' share of the split as drawn: the chosen one, else what the layout gives them by default. */
function shownShare(splitter: HTMLElement | null, chosen: number | null): number {
  if (chosen !== null) return chosen;
  const main = splitter?.parentElement;
  const panels = splitter?.nextElementSibling;
  const w = main?.getBoundingClientRect().width ?? 0;
  return w > 0 && panels ? clampShare(panels.getBoundingClientRect().width / w) : 0.3;
}

/**
 * The bar between the canvas and the lesson panels: drag it (or focus it and press ← →) to
 * give the panels more or less of the width. Its own keys never step the explorer.
 */
export function Splitter() {
  const view = useCanvasViewStore();
  const share = useCanvasView((v) => v.lessonShare);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      const by = e.key === 'ArrowLeft' ? 0.04 : e.key === 'ArrowRight' ? -0.04 : 0;
      if (!by) return;
      e.preventDefault();
      e.stopPropagation();
      view.getState().setLessonShare(shownShare(el, view.getState().lessonShare) + by);
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  }, [view]);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable window splitter (WAI-ARIA separator), not a rule
    <div
      ref={ref}
      className="gf-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="resize the lesson panels (← →)"
      aria-valuemin={20}
      aria-valuemax={60}
      aria-valuenow={Math.round(shownShare(ref.current, share) * 100)}
      tabIndex={0}
      data-testid="splitter"
      onPointerDown={(e) => {
        const main = ref.current?.parentElement;
        if (!main) return;
        e.preventDefault();
        const el = e.currentTarget;
        el.setPointerCapture(e.pointerId);
        const box = main.getBoundingClientRect();
        const move = (ev: PointerEvent) => view.getState().setLessonShare(clampShare((box.right - ev.clientX) / box.width));
        const up = () => {
          el.removeEventListener('pointermove', move);
          el.removeEventListener('pointerup', up);
        };
        el.addEventListener('pointermove', move);
        el.addEventListener('pointerup', up);
      }}
    />
  );
}
