import { beforeAll } from 'vitest';
import { pageCompute } from '../src/lib/compute';
import { preloadLayout } from '../src/ui/canvas/layout';
import type { ComputeClient } from '../src/ui/compute/client';
import { storyCompute } from '../stories/support/compute';

/**
 * Every story file runs in one page (`isolate: false`) on two compute workers: the stories' own
 * (stories/support/compute.ts) and the library's page-wide one that the embed stories use. The
 * first run on a worker waits for the dev server to transform the worker's module graph and for
 * tfjs's wasm backend to compile: over 30 s on a loaded 2-core machine, longer than a play
 * function waits for its graph, so whichever story came first failed ("8 / 0": no run yet).
 * Each worker answers one run here, and the canvas's lazily loaded modules (React Flow, the
 * canvas) are fetched, before the first story renders; later files find them warm.
 */
async function warm(client: ComputeClient, name: string): Promise<void> {
  const out = await client.run({ source: { kind: 'exercise', id: 'ex01-scalar-chain-rule' }, options: {} });
  if (!out.ok) throw new Error(`the ${name} compute worker did not run ex01: ${JSON.stringify(out.problems)}`);
}

beforeAll(async () => {
  preloadLayout();
  await Promise.all([
    warm(storyCompute(), 'stories’'),
    warm(pageCompute(), 'page’s'),
    import('@xyflow/react'),
    import('../src/ui/canvas/Canvas'),
  ]);
}, 180_000);
