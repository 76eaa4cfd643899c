import { useEffect } from 'react';
import { isTyping, type KeyScope } from '../stepper/useKeyboard';
import type { ExplorerStore } from '../store/types';
import { stepStop } from './play';
import { trackStateOf } from './trackState';

/**
 * While a track plays (presenter mode, a `track=` link, an embed's `track`), → and ← go to the
 * next and previous stop instead of one step; leaving the track (✕) gives them back to the steps. Listens in the capture phase on the same target as the step keys, so it runs first
 * and the step keys see the press as handled.
 */
export function useTrackKeys(store: ExplorerStore, scope: KeyScope | false = 'window'): void {
  useEffect(() => {
    if (!scope) return;
    const target: HTMLElement | Window | null = scope === 'window' ? window : scope.current;
    if (!target) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      if (trackStateOf(store).getState().track === null) return;
      // A stop is a place, not a step: it is shown once drawn, so a press during a re-layout still counts.
      if (isTyping(e.target)) return;
      e.preventDefault();
      stepStop(store, e.key === 'ArrowRight' ? 1 : -1);
    };
    target.addEventListener('keydown', onKey as EventListener, { capture: true });
    return () => target.removeEventListener('keydown', onKey as EventListener, { capture: true });
  }, [store, scope]);
}
