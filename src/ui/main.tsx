import '@xyflow/react/dist/style.css';
import 'katex/dist/katex.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadLayout } from './canvas/layout';
import { createComputeClient } from './compute/client';
import { createExplorerStore } from './store';
import { parseUrl } from './store/url';

// The store lives outside React: StrictMode's double mount must not start two workers.
const url = parseUrl(location.search);
const store = createExplorerStore(createComputeClient(), {
  graph: url.graph,
  options: url.options,
  step: url.step,
  node: url.node,
  objective: url.objective,
  seed: url.seed,
  present: url.present,
  predict: url.predict,
});
void store.getState().init();
// The layout worker (elkjs, ~1.6 MB) loads while the engine computes the first graph.
preloadLayout();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App store={store} />
    </StrictMode>,
  );
}

// This page's explorer store, for the end-to-end tests and the browser console.
(globalThis as { __gradflow?: unknown }).__gradflow = store;
