import { describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import type { DeferredLesson, Outcome } from '../../../src/ui/compute/protocol';
import { Explorer } from '../../../src/ui/Explorer';
import { createExplorerStore } from '../../../src/ui/store';
import { fakeClient, tinyRun } from '../ui/fixtures';

describe('deferred lesson checks on screen', () => {
  test('"checking…" with the trace, then the checks; an older edit’s checks never show', async () => {
    const f = fakeClient(() => ({ ok: true, value: { ...tinyRun(), checks: [], deferred: true } }));
    const held: ((o: Outcome<DeferredLesson>) => void)[] = [];
    f.client.lesson = () => new Promise((resolve) => held.push(resolve));
    const store = createExplorerStore(f.client, { graph: 'tiny' });
    await store.getState().init();
    const screen = await render(<Explorer store={store} graphList={false} />);
    await expect.element(screen.getByTestId('checks-pending')).toHaveTextContent('checking…');
    expect(document.querySelector('[data-testid=checks]')).toBeNull();

    // A second run (an edit) before the first run's checks are back.
    await store.getState().setSeed(7);
    expect(held.length).toBe(2);
    held[0]?.({ ok: true, value: { checks: [{ name: 'stale check', pass: false }], blocks: {}, ms: 1 } });
    held[1]?.({ ok: true, value: { checks: [{ name: 'this edit’s check', pass: true, got: 1, expected: 1 }], blocks: {}, ms: 1 } });
    await expect.element(screen.getByTestId('checks')).toHaveTextContent('this edit’s check');
    expect(document.querySelector('[data-testid=checks]')?.textContent).not.toContain('stale check');
    expect(document.querySelector('[data-testid=checks-pending]')).toBeNull();
  });
});
