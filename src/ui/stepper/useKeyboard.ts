import { useEffect } from 'react';
import { whenDrawn } from '../canvas/ready';
import type { ExplorerState, ExplorerStore } from '../store';
import { selectHidden } from '../store/selectors';
import { startPlayback } from './playback';

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

/** A control that is done once changed (a pick, a tick): the keys go back to the explorer after it. */
export function isOneShot(target: EventTarget | null): target is HTMLElement {
  if (target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && ['checkbox', 'radio'].includes(target.type);
}

/**
 * Where the step keys listen: the whole `window` (a page with one explorer), or one element
 * (`{ current }`): keys count only while focus is inside it, so several explorers on one page
 * step independently. Clicking anywhere in the element focuses it.
 */
export type KeyScope = 'window' | { readonly current: HTMLElement | null };

/**
 * Esc closes what is open over the graph, one thing per press: the error panel, then the
 * predict card (shown without a guess), then the inspector's node, then a lesson's highlight.
 * False when nothing was open.
 */
export function closeOne(store: ExplorerStore): boolean {
  const s = store.getState();
  if (s.problems) s.dismissProblems();
  else if (selectHidden(s)) s.reveal();
  else if (s.selected !== null) s.select(null);
  else if (s.highlight) s.setHighlight(null);
  else return false;
  return true;
}

/** What each step key does, read from the store's state when it is carried out. */
const STEP_KEYS = new Map<string, (s: ExplorerState) => void>([
  ['ArrowRight', (s) => s.next()],
  ['ArrowLeft', (s) => s.prev()],
  ['Home', (s) => s.first()],
  ['End', (s) => s.last()],
  [' ', (s) => (s.playing ? s.pause() : s.play())],
]);

/**
 * → ← Space Home End step the explorer and Esc closes what is open, except while the learner
 * is typing (Esc there leaves the field). Keys belong to the explorer, not to the last control
 * used: a select or a checkbox hands focus back once it has changed, so → after picking an
 * option steps instead of picking the next option.
 */
export function useStepKeys(store: ExplorerStore, scope: KeyScope | false = 'window'): void {
  useEffect(() => {
    if (!scope) return;
    const target: HTMLElement | Window | null = scope === 'window' ? window : scope.current;
    if (!target) return;
    /** Focus on this explorer unless it is already inside (scoped keys only). */
    const holdFocus = () => {
      if (!(target instanceof HTMLElement)) return;
      // Inside a shadow root (the custom element) the document's activeElement is the host.
      const root = target.getRootNode() as Document | ShadowRoot;
      if (!target.contains(root.activeElement)) target.focus({ preventScroll: true });
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'Escape') {
        if (isTyping(e.target)) (e.target as HTMLElement).blur();
        else if (closeOne(store)) e.preventDefault();
        holdFocus();
        return;
      }
      if (isTyping(e.target)) return;
      const act = STEP_KEYS.get(e.key);
      if (!act) return;
      // Space on a focused button would click it too: the shortcut wins.
      e.preventDefault();
      // Nothing on screen yet: the step waits for the graph (decided then: play or pause).
      whenDrawn(store, () => act(store.getState()));
    };
    // A picked option or a ticked box gives the keys back: to this explorer, or to the page.
    const onChange = (e: Event) => {
      if (!isOneShot(e.target)) return;
      if (target instanceof HTMLElement) target.focus({ preventScroll: true });
      else e.target.blur();
    };
    // A click on the canvas (which swallows mousedown) still gives this explorer the keys.
    const onPointerDown = () => holdFocus();
    target.addEventListener('keydown', onKey as EventListener);
    target.addEventListener('change', onChange);
    target.addEventListener('pointerdown', onPointerDown);
    return () => {
      target.removeEventListener('keydown', onKey as EventListener);
      target.removeEventListener('change', onChange);
      target.removeEventListener('pointerdown', onPointerDown);
    };
  }, [store, scope]);
}

/** Advances while playing, `speed` steps per second, on a schedule (see startPlayback). */
export function usePlayback(store: ExplorerStore): void {
  useEffect(() => startPlayback(store), [store]);
}
