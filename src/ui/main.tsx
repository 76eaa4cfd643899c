import '@xyflow/react/dist/style.css';
import 'katex/dist/katex.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { opensBaked } from './canvas/bakedFirst';
import { preloadLayout } from './canvas/layout';
import { onCanvasDrawn } from './canvas/ready';
import { createComputeClient } from './compute/client';
import { graphFromLink } from './share/link';
import { createExplorerStore } from './store';
import { parseUrl } from './store/url';
import { applyUrlFolds } from './store/useUrlSync';

// Startup milestones for bench/startup.ts (performance marks: free, and visible in any profile).
performance.mark('gf:main');

// The store lives outside React: StrictMode's double mount must not start two workers.
const url = parseUrl(location.search);
// A link that carries its graph (#gf=…, a file opened or pasted before): same checks as a file.
const linked = await graphFromLink(location.hash);
const store = createExplorerStore(createComputeClient(), {
  ...(linked?.ok ? { spec: linked.value } : { graph: url.graph, src: url.src }),
  options: url.options,
  step: url.step,
  node: url.node,
  objective: url.objective,
  seed: url.seed,
  present: url.present,
  predict: url.predict,
});
const unmark = store.subscribe((s, prev) => {
  if (s.catalogue && !prev.catalogue) performance.mark('gf:catalogue');
  if (s.run && !prev.run) performance.mark('gf:run');
  if (s.catalogue && s.run) unmark();
});
void store
  .getState()
  .init()
  .then(() => {
    if (linked && !linked.ok) store.setState({ problems: [linked.problem], problemSource: 'file' });
    // The linked exercise opens with the link's folds (a `?src=` graph gets them in useUrlSync).
    if (url.src === undefined && store.getState().run?.graph.id === url.graph) applyUrlFolds(store, url);
  });
// The layout worker (elkjs, ~1.6 MB to compile) loads while the engine computes the first graph,
// unless that graph is an exercise opening as it was baked (canvas/baked.ts): then it needs no
// elkjs pass, and elkjs loads once it is drawn, off the 2 cores the first graph is using.
if (opensBaked(url, !!linked)) {
  const off = onCanvasDrawn(store, () => {
    off();
    // After the frame that shows the graph.
    requestAnimationFrame(() => setTimeout(preloadLayout, 0));
  });
} else preloadLayout();

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
