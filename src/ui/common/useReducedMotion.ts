import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

// One media-query listener shared by every subscriber (300 edges must not each add one).
const listeners = new Set<() => void>();
let mql: MediaQueryList | null = null;

function subscribe(cb: () => void): () => void {
  if (!mql && typeof matchMedia === 'function') {
    mql = matchMedia(QUERY);
    mql.addEventListener('change', () => {
      for (const l of listeners) l();
    });
  }
  listeners.add(cb);
  return () => listeners.delete(cb);
}

const snapshot = () => (typeof matchMedia === 'function' ? matchMedia(QUERY).matches : false);

/** True when the user asked the system for less motion. */
export const useReducedMotion = (): boolean => useSyncExternalStore(subscribe, snapshot, () => false);
