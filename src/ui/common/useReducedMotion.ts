import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

// One change listener shared by every subscriber (300 edges must not each add one).
const listeners = new Set<() => void>();
let mql: MediaQueryList | null = null;

function query(): MediaQueryList | null {
  if (!mql && typeof matchMedia === 'function') {
    mql = matchMedia(QUERY);
    mql.addEventListener('change', () => {
      for (const l of listeners) l();
    });
  }
  return mql;
}

function subscribe(cb: () => void): () => void {
  query();
  listeners.add(cb);
  return () => listeners.delete(cb);
}

// Asked afresh on each read (cheap), so a test or story that swaps window.matchMedia is honoured.
const snapshot = () => (typeof matchMedia === 'function' ? matchMedia(QUERY).matches : false);

/** True when the user asked the system for less motion; follows changes live. */
export const useReducedMotion = (): boolean => useSyncExternalStore(subscribe, snapshot, () => false);
