import { afterEach, describe, expect, test, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { syntheticGraph } from '../../../bench/synthetic';
import { createInlineClient } from '../../../src/ui/compute/client';
import { useFragmentSync } from '../../../src/ui/share/useFragmentSync';
import { createExplorerStore, type ExplorerStore } from '../../../src/ui/store';
import { useUrlSync } from '../../../src/ui/store/useUrlSync';

// The address bar follows the view, but a write (a same-document navigation, milliseconds of
// renderer time) never lands in the middle of a run of steps: it waits until the view settles,
// and a view that keeps changing is still written at least once a second.

function Sync({ store, delayMs }: { store: ExplorerStore; delayMs: number }) {
  useUrlSync(store, delayMs);
  return null;
}

function FragmentSync({ store }: { store: ExplorerStore }) {
  useFragmentSync(store, 300);
  return null;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the URL writer', () => {
  test('writes nothing while stepping faster than its delay, then once with the last step; playing on, once a second', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex04-vanishing-gradients' });
    await store.getState().init();
    expect(store.getState().run?.trace.steps.length).toBeGreaterThan(40);
    const writes: string[] = [];
    vi.spyOn(history, 'replaceState').mockImplementation((_s, _t, url) => {
      writes.push(String(url));
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    await render(<Sync store={store} delayMs={300} />);
    // Eight steps 100 ms apart: a run of steps.
    for (let i = 0; i < 8; i++) {
      store.getState().next();
      vi.advanceTimersByTime(100);
    }
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(writes.length).toBe(1);
    expect(writes[0]).toMatch(/step=8$/);
    // Steps every 100 ms for 2.5 s: the address bar still follows, about once a second.
    writes.length = 0;
    for (let i = 0; i < 25; i++) {
      store.getState().next();
      vi.advanceTimersByTime(100);
    }
    expect(writes.length).toBe(2);
    expect(writes[0]).toMatch(/step=(17|18|19)$/);
    expect(writes[1]).toMatch(/step=(27|28|29)$/);
    vi.advanceTimersByTime(300);
    expect(writes.length).toBe(3);
    expect(writes[2]).toMatch(/step=33$/);
  });

  test('a graph in the fragment: written at once when it opens, its steps only once they stop (not once per step)', async () => {
    const store = createExplorerStore(createInlineClient(), { graph: 'ex01-scalar-chain-rule' });
    await store.getState().init();
    const writes: string[] = [];
    vi.spyOn(history, 'replaceState').mockImplementation((_s, _t, url) => {
      writes.push(String(url));
    });
    await render(<FragmentSync store={store} />);
    expect(await store.getState().loadSpec(syntheticGraph('chain', 40))).toBe(true);
    // The graph's own fragment is compressed off the step path, then written with the view.
    await expect.poll(() => writes.length).toBe(1);
    expect(writes[0]).toMatch(/\?step=0#gf=[A-Za-z0-9_-]+$/);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    for (let i = 0; i < 8; i++) {
      store.getState().next();
      vi.advanceTimersByTime(100);
    }
    expect(writes.length).toBe(1);
    vi.advanceTimersByTime(300);
    expect(writes.length).toBe(2);
    expect(writes[1]).toMatch(/\?step=8#gf=/);
    expect(writes[1]?.slice(writes[1].indexOf('#'))).toBe(writes[0]?.slice(writes[0].indexOf('#')));
  });
});
