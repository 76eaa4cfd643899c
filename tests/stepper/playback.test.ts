import { describe, expect, test } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { type Clock, startPlayback } from '../../src/ui/stepper/playback';

/** A clock whose time moves only when a timer fires or a step "takes" time: playback, deterministic. */
function manualClock() {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; f: () => void }>();
  const clock: Clock = {
    now: () => now,
    setTimeout: (f, ms) => {
      timers.set(++seq, { at: now + ms, f });
      return seq;
    },
    clearTimeout: (t) => {
      timers.delete(t as number);
    },
  };
  return {
    clock,
    pending: () => timers.size,
    spend: (ms: number) => {
      now += ms;
    },
    /** Fires due timers in order until `until` (a timer fires at its time, or now if that has passed). */
    runUntil(until: number) {
      for (;;) {
        const next = [...timers].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > until) break;
        timers.delete(next[0]);
        now = Math.max(now, next[1].at);
        next[1].f();
      }
      now = Math.max(now, until);
    },
  };
}

function player(stepMs = 0) {
  const c = manualClock();
  const ticks: number[] = [];
  const maxPending: number[] = [];
  const store = createStore<{ playing: boolean; speed: number; tick(): void }>()(() => ({
    playing: false,
    speed: 10,
    tick() {
      ticks.push(c.clock.now());
      c.spend(stepMs); // the step's own work
      maxPending.push(c.pending());
    },
  }));
  const stop = startPlayback(store, c.clock);
  return { c, ticks, maxPending, store, stop };
}

describe('playback keeps its nominal rate', () => {
  test('10 steps/s: exactly 10 steps in 1 s, one every 100 ms, no drift', () => {
    const p = player(30);
    p.store.setState({ playing: true });
    p.c.runUntil(1000);
    expect(p.ticks).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    p.stop();
  });

  test('a step slower than the period queues nothing: one timer at most, no burst to catch up', () => {
    const p = player(250);
    p.store.setState({ playing: true });
    p.c.runUntil(2000);
    // While a step runs no other is pending, and steps never follow one another without a period's rest.
    expect(Math.max(...p.maxPending)).toBe(0);
    expect(p.c.pending()).toBeLessThanOrEqual(1);
    for (let i = 1; i < p.ticks.length; i++) expect((p.ticks[i] as number) - (p.ticks[i - 1] as number)).toBeGreaterThanOrEqual(250 + 100);
    expect(p.ticks.length).toBe(6); // 100, 450, 800, 1150, 1500, 1850
    p.stop();
  });

  test('pause stops it, a new speed takes effect from now, stop leaves no timer', () => {
    const p = player();
    p.store.setState({ playing: true });
    p.c.runUntil(250);
    expect(p.ticks).toEqual([100, 200]);
    p.store.setState({ playing: false });
    p.c.runUntil(1000);
    expect(p.ticks).toHaveLength(2);
    p.store.setState({ playing: true, speed: 4 });
    p.c.runUntil(1600);
    expect(p.ticks.slice(2)).toEqual([1250, 1500]);
    p.stop();
    expect(p.c.pending()).toBe(0);
  });
});
