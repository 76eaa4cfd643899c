import { Explorer } from './Explorer';
import { LinkNotice } from './share/LinkNotice';
import { useFragmentSync } from './share/useFragmentSync';
import type { ExplorerStore } from './store';
import { useUrlSync } from './store/useUrlSync';

/** The explorer page: one explorer that owns the keyboard and the address bar. */
export function App({ store }: { store: ExplorerStore }) {
  useUrlSync(store);
  const notInLink = useFragmentSync(store);
  return (
    <>
      <Explorer store={store} />
      {notInLink && <LinkNotice text={notInLink} />}
    </>
  );
}
