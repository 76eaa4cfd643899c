import { useEffect } from 'react';
import { isTyping, type KeyScope } from '../stepper/useKeyboard';
import type { ExplorerStore } from '../store/types';
import { canvasViewOf } from './viewState';

/** `F` follows the step again, `0` / `.` fit the whole graph, `L` shows or hides the lesson panels. */
export function useCanvasKeys(store: ExplorerStore, scope: KeyScope | false): void {
  useEffect(() => {
    if (!scope) return;
    const target: HTMLElement | Window | null = scope === 'window' ? window : scope.current;
    if (!target) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const v = canvasViewOf(store).getState();
      const act: Record<string, () => void> = {
        f: v.followNow,
        F: v.followNow,
        '0': v.fitAll,
        '.': v.fitAll,
        l: v.toggleLessons,
        L: v.toggleLessons,
      };
      const f = act[e.key];
      if (!f) return;
      e.preventDefault();
      f();
    };
    target.addEventListener('keydown', onKey as EventListener);
    return () => target.removeEventListener('keydown', onKey as EventListener);
  }, [store, scope]);
}
