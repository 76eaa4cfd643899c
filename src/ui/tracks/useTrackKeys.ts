import { useEffect } from 'react';
import { isTyping, type KeyScope } from '../stepper/useKeyboard';
import type { ExplorerStore } from '../store/types';
import { stopAutoplay, toggleAutoplay } from './autoplay';
import { stepStop, tracksOf } from './play';
import { trackStateOf } from './trackState';

/** Keys that are only held with another: pressing one alone is not a request. */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

/** Marks the play button: a press on it toggles the play, it does not also stop it. */
export const PLAY_BUTTON = 'data-track-play';

/**
 * While a track plays (presenter mode, a `track=` link, an embed's `track`), → and ← go to the
 * next and previous stop instead of one step; leaving the track (✕) gives them back to the steps.
 * `P` plays the track by itself (the first track when none plays) or stops it; while it plays
 * by itself any other key or a click stops it (the key then does what it does). Listens in the
 * capture phase on the same target as the step keys, so it runs first and the step keys see the
 * press as handled.
 */
export function useTrackKeys(store: ExplorerStore, scope: KeyScope | false = 'window'): void {
  useEffect(() => {
    if (!scope) return;
    const target: HTMLElement | Window | null = scope === 'window' ? window : scope.current;
    if (!target) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTyping(e.target) || MODIFIERS.has(e.key)) return;
      const plain = !(e.altKey || e.ctrlKey || e.metaKey || e.shiftKey);
      const player = trackStateOf(store);
      if (plain && (e.key === 'p' || e.key === 'P') && tracksOf(store.getState()).length) {
        e.preventDefault();
        toggleAutoplay(store);
        return;
      }
      if (player.getState().autoplay) stopAutoplay(store);
      if (!plain || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
      if (player.getState().track === null) return;
      // A stop is a place, not a step: it is shown once drawn, so a press during a re-layout still counts.
      e.preventDefault();
      stepStop(store, e.key === 'ArrowRight' ? 1 : -1);
    };
    const onPointer = (e: Event) => {
      if (!trackStateOf(store).getState().autoplay) return;
      if (e.target instanceof Element && e.target.closest(`[${PLAY_BUTTON}]`)) return;
      stopAutoplay(store);
    };
    target.addEventListener('keydown', onKey as EventListener, { capture: true });
    target.addEventListener('pointerdown', onPointer, { capture: true });
    return () => {
      target.removeEventListener('keydown', onKey as EventListener, { capture: true });
      target.removeEventListener('pointerdown', onPointer, { capture: true });
    };
  }, [store, scope]);
}
