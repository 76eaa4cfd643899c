import { describe, expect, it } from 'vitest';
import { findExercise } from '../../graphs/index';
import { alignSteps } from '../../src/ui/compare/align';
import { startCompare } from '../../src/ui/compare/session';
import { compareOf } from '../../src/ui/compare/state';
import { createExplorerStore, type ExplorerStore } from '../../src/ui/store';
import { engineClient, until } from '../engineClient';

async function opened(graph: string, options: Record<string, unknown> = {}): Promise<ExplorerStore> {
  expect(findExercise(graph)).toBeDefined();
  const a = createExplorerStore(engineClient(), { graph, options: options as never });
  await a.getState().init();
  return a;
}

describe('startCompare: pane B follows pane A', () => {
  it('runs A’s graph with the compare options over A’s, and keeps B on the aligned step as A moves', async () => {
    const client = engineClient();
    const a = createExplorerStore(client, { graph: 'ex05-gradient-checkpointing', options: { checkpoint_every: 3 } });
    await a.getState().init();
    const cmp = compareOf(a);
    cmp.getState().open({ checkpoint_every: 0 });
    const stop = startCompare(a, cmp, client);
    const b = cmp.getState().b as ExplorerStore;
    await until(() => b.getState().run?.options.checkpoint_every === 0, 'B’s run');
    expect(cmp.getState().graph).toBe('ex05-gradient-checkpointing');
    expect(b.getState().run?.graph.id).toBe('ex05-gradient-checkpointing');
    const al = alignSteps(a.getState().run?.trace.steps ?? [], b.getState().run?.trace.steps ?? []);
    for (const c of [0, 5, 17, 40, 41, 60]) {
      a.getState().seek(c);
      expect(b.getState().cursor).toBe(al.cursorOf(c));
    }
    a.getState().last();
    expect(b.getState().cursor).toBe(b.getState().run?.trace.steps.length);
    // B never plays on its own; A's presenter mode is B's.
    a.getState().setPresenter(true);
    expect(b.getState().presenter).toBe(true);
    stop();
    expect(cmp.getState().b).toBeNull();
  });

  it('a new compare option reruns B; a value edit in A reaches B; another graph ends compare mode', async () => {
    const a = await opened('ex04-vanishing-gradients');
    const client = engineClient();
    const cmp = compareOf(a);
    cmp.getState().open({ activation: 'relu' });
    const stop = startCompare(a, cmp, client);
    const b = cmp.getState().b as ExplorerStore;
    await until(() => b.getState().run?.options.activation === 'relu', 'relu run');
    expect(b.getState().run?.options.init).toBe('normal_0.3'); // A's own, not overridden
    cmp.getState().setOption('init', 'he');
    await until(() => b.getState().run?.options.init === 'he', 'he run');
    expect(b.getState().run?.options.activation).toBe('relu');
    // An edited input of A is B's input too.
    const x = ((a.getState().run?.leafValues.x ?? []) as number[]).map((v) => v * 2);
    expect(x.length).toBeGreaterThan(0);
    await a.getState().setInput('x', JSON.stringify(x));
    await until(() => JSON.stringify(b.getState().inputs.x) === JSON.stringify(x), 'B’s edited x');
    await until(() => b.getState().requested === null, 'B’s rerun');
    expect(Array.from(b.getState().run?.trace.values.get('x')?.data ?? [])).toEqual(Array.from(Float32Array.from(x)));
    await a.getState().loadGraph('ex09-residual-flow');
    expect(cmp.getState().options).toBeNull();
    stop();
  });

  it('a value the option does not have: B shows the engine’s problem, A is untouched', async () => {
    const a = await opened('ex04-vanishing-gradients');
    const client = engineClient();
    const cmp = compareOf(a);
    cmp.getState().open({ activation: 'swish' });
    const stop = startCompare(a, cmp, client);
    const b = cmp.getState().b as ExplorerStore;
    await until(() => b.getState().problems !== null, 'B’s problem');
    expect(b.getState().run).toBeNull();
    expect(JSON.stringify(b.getState().problems)).toContain('activation');
    expect(a.getState().run?.options.activation).toBe('sigmoid');
    stop();
  });
});
