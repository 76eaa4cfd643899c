import { useEffect } from 'react';
import type { ExplorerStore } from '../store/store';

/** True when a key press belongs to a text field, a select or an editable element. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(type);
}

/** → ← Space Home End step the explorer, except while the learner is typing. */
export function useStepKeys(store: ExplorerStore, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const s = store.getState();
      const act: Record<string, () => void> = {
        ArrowRight: s.next,
        ArrowLeft: s.prev,
        Home: s.first,
        End: s.last,
        ' ': s.playing ? s.pause : s.play,
      };
      const f = act[e.key];
      if (!f) return;
      // Space on a focused button would click it too: the shortcut wins.
      e.preventDefault();
      f();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, enabled]);
}

/** Advances while playing, `speed` steps per second. */
export function usePlayback(store: ExplorerStore): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      const s = store.getState();
      if (timer) clearTimeout(timer);
      timer = s.playing ? setTimeout(tick, 1000 / s.speed) : null;
    };
    const tick = () => {
      timer = null;
      store.getState().tick();
    };
    let prev = store.getState();
    const unsub = store.subscribe((s) => {
      if (s.playing !== prev.playing || s.speed !== prev.speed || (s.playing && s.cursor !== prev.cursor)) schedule();
      prev = s;
    });
    schedule();
    return () => {
      unsub();
      if (timer) clearTimeout(timer);
    };
  }, [store]);
}
