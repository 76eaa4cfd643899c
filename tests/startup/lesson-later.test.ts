import { describe, expect, test, vi } from 'vitest';
import { EXERCISES, findExercise } from '../../graphs/index';
import { runExercise } from '../../src/engine/exercise';
import { setCanvasDrawn } from '../../src/ui/canvas/ready';
import type { ComputeClient } from '../../src/ui/compute/client';
import { computeDeferred, computeRun, resolveExercise } from '../../src/ui/compute/exercises';
import { inertLesson } from '../../src/ui/compute/inert';
import type { Outcome, RunRequest, RunResult } from '../../src/ui/compute/protocol';
import { createExplorerStore } from '../../src/ui/store';
import { selectBlocks, selectChecks } from '../../src/ui/store/slices/checks';

/**
 * The app's first graph waits for its trace only (issue 12, first graph on screen): the run
 * that opens it asks for `lesson: 'later'`, and the lesson call brings the whole lesson, quick
 * part first. ex01's quick lesson (its charts re-run the graph 160 times) took longer than the run.
 */

const exercise = (id: string): RunRequest => ({ source: { kind: 'exercise', id } });
const later = (r: RunRequest): RunRequest => ({ ...r, lesson: 'later' });

describe("a run asked with lesson: 'later'", () => {
  test.each(EXERCISES.map((e) => [e.id, e] as const))('%s: the same trace, no lesson yet, then the whole lesson in order', (_, ex) => {
    const whole = inertLesson(runExercise(ex));
    const now = computeRun(ex, exercise(ex.id), 'cpu');
    const first = computeRun(ex, later(exercise(ex.id)), 'cpu');
    expect(first.trace).toEqual(now.trace);
    expect(first.graph).toEqual(now.graph);
    expect(first.checks).toEqual([]);
    expect(first.blocks).toEqual({});
    expect(first.deferred).toBe(true);
    expect(first.lessonLater).toBe(true);
    const rest = computeDeferred(ex, later(exercise(ex.id)));
    expect(rest.checks).toEqual(whole.checks);
    expect(rest.blocks).toEqual(whole.blocks);
  });

  test('a lesson call for another request than the last run is computed for its own request', () => {
    const ex = findExercise('ex01-scalar-chain-rule');
    if (!ex) throw new Error('no ex01');
    computeRun(ex, later(exercise(ex.id)), 'cpu');
    const other = findExercise('ex04-vanishing-gradients');
    if (!other) throw new Error('no ex04');
    computeRun(other, exercise(other.id), 'cpu');
    expect(computeDeferred(ex, later(exercise(ex.id))).checks).toEqual(inertLesson(runExercise(ex)).checks);
  });

  test("a user's graph ignores it: its quick checks come with the run", () => {
    const spec = {
      nodes: [
        { id: 'x', op: 'leaf', value: 2, role: 'input' },
        { id: 'y', op: 'square', inputs: ['x'] },
      ],
      objectives: [{ name: 'y', node: 'y' }],
      checks: [{ name: 'dy/dx = 4', measure: 'grad', node: 'x', cmp: '==', expected: 4 }],
    };
    const req: RunRequest = { source: { kind: 'spec', spec }, lesson: 'later' };
    const r = computeRun(resolveExercise(req.source), req, 'cpu');
    expect(r.lessonLater).toBeUndefined();
    expect(r.deferred).toBeUndefined();
    expect(r.checks.map((c) => [c.name, c.pass])).toEqual([['dy/dx = 4', true]]);
  });
});

/** A compute client over the real exercises that records every request. */
function recordingClient() {
  const runs: RunRequest[] = [];
  const lessons: RunRequest[] = [];
  const client: ComputeClient = {
    where: 'main',
    catalogue: async () => ({ ok: true, value: [] }),
    run: async (req): Promise<Outcome<RunResult>> => {
      runs.push(req);
      const ex = findExercise(req.source.kind === 'exercise' ? req.source.id : '');
      if (!ex) return { ok: false, problems: [{ field: 'graph', message: 'no such exercise' }] };
      return { ok: true, value: computeRun(ex, req, 'cpu') };
    },
    lesson: async (req) => {
      lessons.push(req);
      const ex = findExercise(req.source.kind === 'exercise' ? req.source.id : '');
      if (!ex) return { ok: false, problems: [{ field: 'graph', message: 'no such exercise' }] };
      return { ok: true, value: computeDeferred(ex, req) };
    },
    gradcheck: async () => ({ ok: false, problems: [{ field: 'gradcheck', message: 'not here' }] }),
    dispose: () => {},
  };
  return { client, runs, lessons };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the store', () => {
  test("opens the first graph with lesson: 'later' and shows the whole lesson once it is in", async () => {
    const { client, runs, lessons } = recordingClient();
    const id = 'ex01-scalar-chain-rule';
    const store = createExplorerStore(client, {});
    await store.getState().init();
    await settle();
    expect(runs.map((r) => r.lesson)).toEqual(['later']);
    expect(store.getState().run?.checks).toEqual([]);
    expect(lessons.map((r) => r.lesson)).toEqual(['later']);
    const whole = inertLesson(runExercise(findExercise(id) as never));
    expect(store.getState().lesson.status).toBe('done');
    expect(selectChecks(store.getState())).toEqual(whole.checks);
    expect(selectBlocks(store.getState())).toEqual(whole.blocks);
  });

  test('a graph opened afterwards (and an edit) brings its quick lesson with the run, as before', async () => {
    const { client, runs, lessons } = recordingClient();
    const store = createExplorerStore(client, {});
    await store.getState().init();
    await store.getState().loadGraph('ex05-gradient-checkpointing');
    await settle();
    expect(runs.map((r) => r.lesson)).toEqual(['later', undefined]);
    expect(lessons).toHaveLength(1);
    expect(store.getState().lesson.status).toBe('done');
    expect(selectChecks(store.getState())).toBe(store.getState().run?.checks);
    expect(store.getState().run?.checks.length).toBeGreaterThan(0);
  });

  test('the whole lesson is asked for once the canvas has drawn the first graph (and at the latest after 3 s)', async () => {
    const { client, lessons } = recordingClient();
    const store = createExplorerStore(client, {});
    // the canvas is mounted and still laying out
    setCanvasDrawn(store, false);
    await store.getState().init();
    await settle();
    expect(store.getState().run?.lessonLater).toBe(true);
    expect(lessons).toEqual([]);
    expect(store.getState().lesson.status).toBe('checking');
    setCanvasDrawn(store, true);
    await settle();
    await settle();
    expect(lessons.map((r) => r.lesson)).toEqual(['later']);
    expect(store.getState().lesson.status).toBe('done');
    expect(selectChecks(store.getState())).toEqual(inertLesson(runExercise(findExercise('ex01-scalar-chain-rule') as never)).checks);
  });

  test('a canvas that never draws (a failed layout) delays the whole lesson by 3 s, not for ever', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { client, lessons } = recordingClient();
      const store = createExplorerStore(client, {});
      setCanvasDrawn(store, false);
      await store.getState().init();
      await vi.advanceTimersByTimeAsync(2999);
      expect(lessons).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(lessons.map((r) => r.lesson)).toEqual(['later']);
      expect(store.getState().lesson.status).toBe('done');
    } finally {
      vi.useRealTimers();
    }
  });
});
