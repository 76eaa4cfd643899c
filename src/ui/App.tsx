import { Explorer } from './Explorer';
import type { ExplorerStore } from './store';
import { useUrlSync } from './store/useUrlSync';

/** The explorer page: one explorer that owns the keyboard and the address bar. */
export function App({ store }: { store: ExplorerStore }) {
  useUrlSync(store);
  return <Explorer store={store} />;
}
